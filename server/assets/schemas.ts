import { z } from "zod";
import { timeZone } from "../schemas/calendar";
import { type DatePair, refineDatePairs } from "../schemas/date-pairs";
import {
  CONTROL_CHARACTERS_MESSAGE,
  day,
  hasBrokenCharacters,
  hasControlCharacters,
  int,
  MALFORMED_TEXT_MESSAGE,
  money,
  name,
  optionalText,
  safeString,
  text,
} from "../schemas/primitives";
import { statusKinds } from "./lifecycle";

const isoDate = day();
/** A lifecycle step's notes (assign, return, transfer, status, maintenance). */
export const LIFECYCLE_NOTES_LIMIT = 2000;
const notes = safeString({ multiline: true }).trim().max(LIFECYCLE_NOTES_LIMIT).optional();

export const AssetIdInput = z.object({ assetId: z.uuid() });

/** The viewer's zone, whose today bounds a lifecycle step's date (server/schemas/calendar.ts). */
const viewerTimeZone = timeZone().optional();

export const AssignAssetInput = z.object({
  assetId: z.uuid(),
  employeeId: z.uuid({ error: "Choose who receives the asset" }),
  expectedReturnAt: isoDate.optional(),
  notes,
  timeZone: viewerTimeZone,
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
  notes: text({ max: LIFECYCLE_NOTES_LIMIT, multiline: true, minMessage: "Say what was done" }),
  timeZone: viewerTimeZone,
});
export type RecordMaintenanceInput = z.infer<typeof RecordMaintenanceInput>;

export const AssetChangeResult = z.object({
  id: z.string(),
  tag: z.string(),
  status: z.string(),
  version: z.number(),
});

const optionalDate = isoDate.nullable().optional();

/**
 * Custom field values by key; the service checks each against its field's type. Here only what
 * no field type allows is refused: more keys than any category has, control characters, text
 * longer than 2000 characters, numbers beyond ±10^15, nested objects.
 */
export const MAX_CUSTOM_FIELDS = 200;
const MAX_CUSTOM_TEXT = 2000;
function customFieldProblem(value: unknown): string | null {
  if (value === null || typeof value === "boolean") return null;
  if (typeof value === "number") {
    return Number.isFinite(value) && Math.abs(value) <= 1e15 ? null : "Enter a number below 10^15";
  }
  if (typeof value !== "string") return "Enter text, a number, a date or yes/no";
  if (value.length > MAX_CUSTOM_TEXT) return `Use at most ${MAX_CUSTOM_TEXT} characters`;
  if (hasControlCharacters(value)) return CONTROL_CHARACTERS_MESSAGE;
  if (hasBrokenCharacters(value)) return MALFORMED_TEXT_MESSAGE;
  return null;
}
const CustomFields = z
  .record(safeString().max(64, "Unknown custom field"), z.unknown())
  .superRefine((fields, ctx) => {
    const entries = Object.entries(fields);
    if (entries.length > MAX_CUSTOM_FIELDS) {
      ctx.addIssue({ code: "custom", message: `Use at most ${MAX_CUSTOM_FIELDS} custom fields` });
      return;
    }
    for (const [key, value] of entries) {
      const message = customFieldProblem(value);
      if (message) ctx.addIssue({ code: "custom", path: [key], message });
    }
  });

/** How long each of an asset's text fields may be; the form shows the same limits as the person types. */
export const assetTextLimits = {
  tag: 64,
  name: 200,
  serial: 128,
  vendor: 200,
  orderNumber: 100,
  notes: 5000,
} as const;

/** Fields an asset has outside its lifecycle (status and holder change through operations). */
export const AssetFields = z.object({
  tag: text({ max: assetTextLimits.tag, minMessage: "Enter a tag" }).optional(),
  name: name({ max: assetTextLimits.name, minMessage: "Enter a name" }),
  serial: optionalText(assetTextLimits.serial),
  categoryId: z.uuid({ error: "Choose a category" }),
  modelId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  purchaseDate: optionalDate,
  cost: money({ precision: 14, scale: 2 }),
  vendor: optionalText(assetTextLimits.vendor),
  orderNumber: optionalText(assetTextLimits.orderNumber),
  warrantyEnd: optionalDate,
  endOfLife: optionalDate,
  notes: optionalText(assetTextLimits.notes, { multiline: true }),
  customFields: CustomFields.default({}),
});

/** Dates an asset cannot have in the other order; an edit of one is checked against the stored other. */
export const assetDatePairs: ReadonlyArray<DatePair<"purchaseDate" | "warrantyEnd" | "endOfLife">> = [
  {
    earlier: { field: "purchaseDate", label: "Purchase date" },
    later: { field: "warrantyEnd", label: "Warranty end" },
  },
  {
    earlier: { field: "purchaseDate", label: "Purchase date" },
    later: { field: "endOfLife", label: "End of life" },
  },
];

export const CreateAssetInput = AssetFields.extend({ statusId: z.uuid().optional() }).superRefine(
  refineDatePairs(assetDatePairs),
);
export type CreateAssetInput = z.input<typeof CreateAssetInput>;

export const UpdateAssetInput = AssetFields.partial()
  .extend({
    assetId: z.uuid(),
    /** The version the editor loaded: a save over someone else's newer change is refused. */
    expectedVersion: int({ min: 1 }).optional(),
  })
  .superRefine(refineDatePairs(assetDatePairs));
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
