import { z } from "zod";
import { DAY_MAX, DAY_MIN, safeString, text } from "../schemas/primitives";
import { isValidDay, isValidTimeZone } from "./day-range";

const EventName = safeString()
  .trim()
  .max(100, "Choose an event type from the list, like user.invited")
  .regex(/^[a-z][a-z_]*\.[a-z][a-z_]*$/, "Choose an event type from the list, like user.invited");
const Day = safeString()
  .trim()
  .refine(isValidDay, "Enter a date as YYYY-MM-DD, like 2026-03-31")
  .refine((day) => day >= DAY_MIN && day <= DAY_MAX, "Use a date between 1900 and 9998");

/** What the audit log can be filtered by; the same fields drive the page URL and the CSV export. */
const filterShape = {
  entityType: text({ max: 50, maxMessage: "Use at most 50 characters for the entity type" }).optional(),
  entityId: text({ max: 200, maxMessage: "Use at most 200 characters for the entity id" }).optional(),
  actorId: text({ max: 200, maxMessage: "Use at most 200 characters for the actor id" }).optional(),
  names: z.array(EventName).max(50, "Choose at most 50 event types").optional(),
  from: Day.optional(),
  to: Day.optional(),
  /** The IANA zone the from/to days are meant in (the person's own); UTC when absent. */
  timeZone: safeString()
    .trim()
    .max(100, "Unknown time zone; use an IANA name like Europe/Paris")
    .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Paris")
    .optional(),
};

type FilterFields = { entityType?: string; entityId?: string; from?: string; to?: string };

function checkFilters(filters: FilterFields, ctx: z.RefinementCtx): void {
  if (filters.entityId && !filters.entityType) {
    ctx.addIssue({
      code: "custom",
      path: ["entityType"],
      message: "Choose the entity type too: the same id can belong to different kinds of records.",
    });
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "The end date must be on or after the start date.",
    });
  }
}

export const AuditFilters = z.object(filterShape).superRefine(checkFilters);
export type AuditFilters = z.infer<typeof AuditFilters>;

export const AUDIT_PAGE_SIZE = 50;
export const AuditListInput = z
  .object({
    ...filterShape,
    /** The seq of the last event already shown; the next page starts just below it. */
    cursor: z.number().int().positive().nullish(),
    limit: z.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .superRefine(checkFilters);
export type AuditListInput = z.input<typeof AuditListInput>;

export const AuditEventItem = z.object({
  id: z.string(),
  seq: z.number(),
  name: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  entity: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.date(),
  hash: z.string(),
});
export type AuditEventItem = z.infer<typeof AuditEventItem>;

export const AuditPage = z.object({ items: z.array(AuditEventItem), nextCursor: z.number().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const TimelineInput = z.object({
  entityType: text({ max: 50, minMessage: "Choose an entity type" }),
  entityId: text({ max: 200, minMessage: "Enter an entity id" }),
  limit: z.number().int().min(1).max(200).default(50),
});

export const AuditFacets = z.object({
  names: z.array(z.string()),
  entityTypes: z.array(z.string()),
  actors: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().nullable() })),
});
export type AuditFacets = z.infer<typeof AuditFacets>;

export const chainProblemKinds = ["hash_mismatch", "seq_gap", "prev_hash_mismatch", "head_mismatch"] as const;
export const ChainProblem = z.object({
  kind: z.enum(chainProblemKinds),
  /** The event the problem was found at (for a gap: the first missing seq). */
  seq: z.number(),
  message: z.string(),
});
export type ChainProblem = z.infer<typeof ChainProblem>;

export const ChainVerification = z.object({
  ok: z.boolean(),
  checked: z.number(),
  lastSeq: z.number().nullable(),
  head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
  /** The first problems found, in seq order; `problemCount` counts them all. */
  problems: z.array(ChainProblem),
  problemCount: z.number(),
  verifiedAt: z.date(),
});
export type ChainVerification = z.infer<typeof ChainVerification>;
