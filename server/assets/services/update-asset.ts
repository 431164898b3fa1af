import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { assertDatePairs } from "../../schemas/date-pairs";
import { assetDatePairs, UpdateAssetInput } from "../schemas";
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

/** Edits an asset's descriptive fields; the event carries each changed field before and after. */
export async function updateAsset(scope: TenantScope, raw: UpdateAssetInput) {
  const input = UpdateAssetInput.parse(raw);
  const current = await scope.db
    .selectFrom("assets")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
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
    scope.db,
    scope.tenantId,
    { categoryId, modelId: input.modelId, locationId: input.locationId },
    input.customFields && Object.keys(input.customFields).length
      ? input.customFields
      : (current.custom_fields as Record<string, unknown>),
  );
  // A date edited alone is checked against the stored other one of its pair.
  assertDatePairs(
    {
      purchaseDate: input.purchaseDate === undefined ? current.purchase_date : input.purchaseDate,
      warrantyEnd: input.warrantyEnd === undefined ? current.warranty_end : input.warrantyEnd,
      endOfLife: input.endOfLife === undefined ? current.end_of_life : input.endOfLife,
    },
    assetDatePairs.filter(
      (pair) => input[pair.earlier.field] !== undefined || input[pair.later.field] !== undefined,
    ),
  );
  if (input.serial !== undefined) await assertSerialFree(scope.db, scope.tenantId, input.serial, current.id);
  if (input.tag !== undefined) await assertTagFree(scope.db, scope.tenantId, input.tag, current.id);

  const next: Partial<Record<Field, unknown>> = { ...input, customFields };
  if (typeof next.cost === "number") next.cost = next.cost.toFixed(2);
  const changes = changesBetween(
    current,
    Object.fromEntries(Object.entries(columns).map(([field, column]) => [column, next[field as Field]])),
  );
  const set = Object.fromEntries(
    Object.entries(changes).map(([column, { after }]) => [
      column,
      column === "custom_fields" ? JSON.stringify(after) : after,
    ]),
  );
  if (Object.keys(set).length === 0)
    return { id: current.id, tag: current.tag, version: current.version, changed: [] as string[] };

  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({ ...set, version: eb("version", "+", 1) }))
    .where("id", "=", current.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "asset.updated",
    entityId: current.id,
    data: { tag: updated.tag, changes },
  });
  return { ...updated, changed: Object.keys(changes) };
}
