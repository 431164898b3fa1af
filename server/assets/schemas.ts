import { z } from "zod";
import { statusKinds } from "./lifecycle";

const isoDate = z.iso.date({ error: "Use a date like 2026-01-31" });
const notes = z.string().trim().max(2000).optional();

export const AssetIdInput = z.object({ assetId: z.uuid() });

export const AssignAssetInput = z.object({
  assetId: z.uuid(),
  employeeId: z.uuid({ error: "Choose who receives the asset" }),
  expectedReturnAt: isoDate.optional(),
  notes,
});
export type AssignAssetInput = z.infer<typeof AssignAssetInput>;

export const returnConditions = ["good", "fair", "damaged", "broken"] as const;
export const ReturnAssetInput = z.object({
  assetId: z.uuid(),
  condition: z.enum(returnConditions),
  toKind: z.enum(["in_stock", "in_repair"]).default("in_stock"),
  locationId: z.uuid().optional(),
  notes,
});
export type ReturnAssetInput = z.infer<typeof ReturnAssetInput>;

export const TransferAssetInput = z.object({ assetId: z.uuid(), toEmployeeId: z.uuid(), notes });
export type TransferAssetInput = z.infer<typeof TransferAssetInput>;

export const ChangeAssetStatusInput = z
  .object({ assetId: z.uuid(), statusId: z.uuid().optional(), kind: z.enum(statusKinds).optional(), notes })
  .refine((input) => input.statusId || input.kind, { message: "Choose the new status", path: ["statusId"] });
export type ChangeAssetStatusInput = z.infer<typeof ChangeAssetStatusInput>;

export const RecordMaintenanceInput = z.object({
  assetId: z.uuid(),
  performedOn: isoDate,
  notes: z.string().trim().min(1, "Say what was done").max(2000),
});
export type RecordMaintenanceInput = z.infer<typeof RecordMaintenanceInput>;

export const AssetChangeResult = z.object({
  id: z.string(),
  tag: z.string(),
  status: z.string(),
  version: z.number(),
});

const money = z
  .union([z.number(), z.string().trim()])
  .transform((value) => (value === "" ? null : Number(value)))
  .refine(
    (value) => value === null || (Number.isFinite(value) && value >= 0 && value < 1e12),
    "Enter an amount like 1299.00",
  )
  .nullable()
  .optional();
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null));
const optionalDate = isoDate.nullable().optional();

/** Fields an asset has outside its lifecycle (status and holder change through operations). */
export const AssetFields = z.object({
  tag: z.string().trim().min(1).max(64).optional(),
  name: z.string().trim().min(1, "Enter a name").max(200),
  serial: optionalText(128),
  categoryId: z.uuid({ error: "Choose a category" }),
  modelId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  purchaseDate: optionalDate,
  cost: money,
  vendor: optionalText(200),
  orderNumber: optionalText(100),
  warrantyEnd: optionalDate,
  endOfLife: optionalDate,
  notes: optionalText(5000),
  customFields: z.record(z.string(), z.unknown()).default({}),
});

export const CreateAssetInput = AssetFields.extend({ statusId: z.uuid().optional() });
export type CreateAssetInput = z.input<typeof CreateAssetInput>;

export const UpdateAssetInput = AssetFields.partial().extend({
  assetId: z.uuid(),
  /** The version the editor loaded: a save over someone else's newer change is refused. */
  expectedVersion: z.number().int().optional(),
});
export type UpdateAssetInput = z.input<typeof UpdateAssetInput>;

export const MoveAssetInput = z.object({
  assetId: z.uuid(),
  locationId: z.uuid({ error: "Choose a location" }),
  notes,
});
export type MoveAssetInput = z.infer<typeof MoveAssetInput>;

/** At most this many assets per bulk action, so one request stays a short transaction. */
export const BULK_LIMIT = 500;
const bulkAssetIds = z
  .array(z.uuid())
  .min(1, "Select at least one asset")
  .max(BULK_LIMIT, `Select at most ${BULK_LIMIT} assets at a time`);

export const BulkAssetActionInput = z.discriminatedUnion("action", [
  z.object({
    assetIds: bulkAssetIds,
    action: z.literal("move"),
    locationId: z.uuid({ error: "Choose a location" }),
  }),
  z
    .object({
      assetIds: bulkAssetIds,
      action: z.literal("change_status"),
      statusId: z.uuid().optional(),
      kind: z.enum(statusKinds).optional(),
    })
    .refine((input) => input.statusId || input.kind, {
      message: "Choose the new status",
      path: ["statusId"],
    }),
  z.object({
    assetIds: bulkAssetIds,
    action: z.literal("return"),
    condition: z.enum(returnConditions),
    toKind: z.enum(["in_stock", "in_repair"]).default("in_stock"),
  }),
  z.object({ assetIds: bulkAssetIds, action: z.literal("retire") }),
]);
export type BulkAssetActionInput = z.input<typeof BulkAssetActionInput>;

export const BulkAssetActionResult = z.object({
  succeeded: z.array(z.object({ id: z.string(), tag: z.string() })),
  /** `tag` is null when the id matches no asset of this organization. */
  failed: z.array(z.object({ id: z.string(), tag: z.string().nullable(), reason: z.string() })),
});
export type BulkAssetActionResult = z.infer<typeof BulkAssetActionResult>;
