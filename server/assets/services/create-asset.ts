import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { recordAssetChange } from "../history";
import { defaultStatusOf, selectableStatus } from "../queries";
import { CreateAssetInput } from "../schemas";
import { nextAssetTag } from "../tags";
import { assertSerialFree, assertTagFree, validateAssetReferences } from "./validate-asset-fields";

/** Registers an asset (in stock unless another non-assigned status is chosen); its tag comes from the tenant's pattern unless given. */
export async function createAsset(scope: TenantScope, raw: CreateAssetInput) {
  const input = CreateAssetInput.parse(raw);
  const status = input.statusId
    ? await selectableStatus(scope.db, scope.tenantId, input.statusId)
    : await defaultStatusOf(scope.db, scope.tenantId, "in_stock");
  if (status.kind === "assigned") {
    throw new AppError(
      "INVALID_TRANSITION",
      "Create the asset in stock, then assign it to someone: assignment records who holds it.",
    );
  }
  const customFields = await validateAssetReferences(scope.db, scope.tenantId, input, input.customFields);
  await assertSerialFree(scope.db, scope.tenantId, input.serial);
  const tag = input.tag ?? (await nextAssetTag(scope.db, scope.tenantId));
  if (input.tag) await assertTagFree(scope.db, scope.tenantId, tag);

  const asset = await scope.db
    .insertInto("assets")
    .values({
      tenant_id: scope.tenantId,
      tag,
      name: input.name,
      serial: input.serial ?? null,
      category_id: input.categoryId,
      model_id: input.modelId ?? null,
      status_id: status.id,
      location_id: input.locationId ?? null,
      purchase_date: input.purchaseDate ?? null,
      cost: input.cost === null || input.cost === undefined ? null : input.cost.toFixed(2),
      vendor: input.vendor ?? null,
      order_number: input.orderNumber ?? null,
      warranty_end: input.warrantyEnd ?? null,
      end_of_life: input.endOfLife ?? null,
      notes: input.notes ?? null,
      custom_fields: JSON.stringify(customFields),
    })
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    { assetId: asset.id, type: "purchase", toStatusId: status.id, toLocationId: input.locationId ?? null },
    { name: "asset.created", data: { tag, name: input.name, status: status.label } },
  );
  return { ...asset, status: status.label };
}
