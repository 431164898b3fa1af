import { z } from "zod";
import { day, id, int, optionalText, text } from "../../schemas/primitives";

export const requestStatuses = ["pending", "approved", "declined", "withdrawn"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const REQUEST_ITEM_MAX = 200;
export const REQUEST_REASON_MAX = 2000;
export const DECISION_REASON_MAX = 1000;
export const REQUESTS_PAGE_SIZE = 50;

/** An employee asks for equipment: a category they pick, what exactly, why, and by when. */
export const SubmitRequestInput = z.object({
  categoryId: id("Choose what kind of equipment you need"),
  item: text({ max: REQUEST_ITEM_MAX, minMessage: "Say what you need, like “27-inch monitor”" }),
  reason: text({ max: REQUEST_REASON_MAX, multiline: true, minMessage: "Say why you need it" }),
  neededBy: day().nullable().default(null),
});
export type SubmitRequestInput = z.input<typeof SubmitRequestInput>;

export const RequestIdInput = z.object({ requestId: id() });
export type RequestIdInput = z.infer<typeof RequestIdInput>;

export const ApproveRequestInput = z.object({
  requestId: id(),
  comment: optionalText(DECISION_REASON_MAX, { multiline: true }),
});
export type ApproveRequestInput = z.input<typeof ApproveRequestInput>;

export const DeclineRequestInput = z.object({
  requestId: id(),
  reason: text({ max: DECISION_REASON_MAX, multiline: true, minMessage: "Say why you are declining it" }),
});
export type DeclineRequestInput = z.infer<typeof DeclineRequestInput>;

export const ListRequestsInput = z.object({
  status: z.enum(requestStatuses).optional(),
  page: int({ min: 1, max: 100_000 }).default(1),
});
export type ListRequestsInput = z.input<typeof ListRequestsInput>;

export const RequestableCategory = z.object({ id: z.string(), name: z.string() });

/** A request as its employee and IT staff see it. */
export const EquipmentRequest = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeName: z.string(),
  category: z.string(),
  item: z.string(),
  reason: z.string(),
  neededBy: z.string().nullable(),
  status: z.enum(requestStatuses),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.date().nullable(),
  workflowId: z.string().nullable(),
  createdAt: z.date(),
});
export type EquipmentRequest = z.infer<typeof EquipmentRequest>;

export const RequestPage = z.object({
  items: z.array(EquipmentRequest),
  total: z.number(),
  pending: z.number(),
});

export const RequestAnswer = z.object({ id: z.string(), status: z.enum(requestStatuses) });
