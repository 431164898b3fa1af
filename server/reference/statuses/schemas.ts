import { z } from "zod";
import { statusKinds } from "../../assets/lifecycle";
import { text } from "../../schemas/primitives";

export const statusColors = ["gray", "blue", "indigo", "green", "amber", "red", "purple", "teal"] as const;
export type StatusColor = (typeof statusColors)[number];

const Label = text({ max: 60, minMessage: "Enter a label" });

export const StatusListItem = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(statusKinds),
  color: z.string(),
  isDefault: z.boolean(),
  archivedAt: z.date().nullable(),
  assetCount: z.number(),
});
export type StatusListItem = z.infer<typeof StatusListItem>;

export const CreateStatusInput = z.object({
  label: Label,
  kind: z.enum(statusKinds),
  color: z.enum(statusColors).default("gray"),
  isDefault: z.boolean().default(false),
});
export type CreateStatusInput = z.infer<typeof CreateStatusInput>;

export const UpdateStatusInput = z.object({
  id: z.uuid(),
  label: Label.optional(),
  kind: z.enum(statusKinds).optional(),
  color: z.enum(statusColors).optional(),
});
export type UpdateStatusInput = z.infer<typeof UpdateStatusInput>;

export const StatusRef = z.object({ id: z.string(), label: z.string(), kind: z.enum(statusKinds) });
