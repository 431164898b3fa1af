import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { UpdateAssetInput } from "../schemas";
import { assertSerialFree, assertTagFree, validateAssetReferences } from "./validate-asset-fields";

const columns = {
  tag: "tag",
  name: "name",
  serial: "serial",
  categoryId: "category_id",
  modelId: "model_id",
  locationId: "location_id",
  purchaseDate: "purchase_date",
  cost: "cost",
  vendor: "vendor",
  orderNumber: "order_number",
  warrantyEnd: "warranty_end",
  endOfLife: "end_of_life",
  notes: "notes",
  customFields: "custom_fields",
} as const;
type Field = keyof typeof columns;

const comparable = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Edits an asset's descriptive fields; the event carries each changed field before and after. */
export async function updateAsset(ctx: TenantContext, raw: UpdateAssetInput) {
  const input = UpdateAssetInput.parse(raw);
  const current = await ctx.db
    .selectFrom("assets")
    .selectAll()
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", input.assetId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new AppError("NOT_FOUND", "That asset does not exist in this organization.");
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new AppError(
      "CONFLICT",
      `${current.tag} was changed by someone else while you were editing. Reload it to see their change.`,
    );
  }

  const categoryId = input.categoryId ?? current.category_id;
  const customFields = await validateAssetReferences(
    ctx.db,
    ctx.tenantId,
    { categoryId, modelId: input.modelId, locationId: input.locationId },
    input.customFields && Object.keys(input.customFields).length
      ? input.customFields
      : (current.custom_fields as Record<string, unknown>),
  );
  if (input.serial !== undefined) await assertSerialFree(ctx.db, ctx.tenantId, input.serial, current.id);
  if (input.tag !== undefined) await assertTagFree(ctx.db, ctx.tenantId, input.tag, current.id);

  const next: Partial<Record<Field, unknown>> = { ...input, customFields };
  if (typeof next.cost === "number") next.cost = next.cost.toFixed(2);
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const set: Record<string, unknown> = {};
  for (const field of Object.keys(columns) as Field[]) {
    if (next[field] === undefined) continue;
    const column = columns[field];
    const before = current[column];
    const after = next[field];
    if (comparable(before) === comparable(after)) continue;
    changes[column] = { before, after };
    set[column] = column === "custom_fields" ? JSON.stringify(after) : after;
  }
  if (Object.keys(set).length === 0)
    return { id: current.id, tag: current.tag, version: current.version, changed: [] as string[] };

  const updated = await ctx.db
    .updateTable("assets")
    .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
    .where("id", "=", current.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "asset.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { tag: updated.tag, changes },
  });
  return { ...updated, changed: Object.keys(changes) };
}
