import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { type CustomFieldDefinition, validateCustomFields } from "../../reference/catalog/custom-fields";
import { assertSelectable } from "../../reference/selectable";
import { assetIdHasCode } from "../code-lookup";

type References = { categoryId: string; modelId?: string | null; locationId?: string | null };

/** Checks the references and custom fields of an asset being created or edited. */
export async function validateAssetReferences(
  trx: Executor,
  tenantId: string,
  refs: References,
  customFields: Record<string, unknown>,
) {
  await assertSelectable(trx, tenantId, "categories", refs.categoryId, "category");
  if (refs.modelId) await assertSelectable(trx, tenantId, "asset_models", refs.modelId, "model");
  if (refs.locationId) await assertSelectable(trx, tenantId, "locations", refs.locationId, "location");

  const definitions = await trx
    .selectFrom("custom_field_definitions")
    .select(["key", "label", "type", "required", "options"])
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", refs.categoryId)
    .where("archived_at", "is", null)
    .execute();
  const result = validateCustomFields(definitions as CustomFieldDefinition[], customFields);
  if (!result.ok) {
    const list = Object.values(result.errors).join("; ");
    throw new AppError("UNPROCESSABLE", `Custom fields need attention: ${list}.`, {
      fieldErrors: result.errors,
    });
  }
  return result.values;
}

/** Serial numbers are unique per tenant; say which asset already has it. */
export async function assertSerialFree(
  trx: Executor,
  tenantId: string,
  serial: string | null | undefined,
  exceptAssetId?: string,
) {
  if (!serial) return;
  const other = await trx
    .selectFrom("assets")
    .select("tag")
    .where("tenant_id", "=", tenantId)
    .where(assetIdHasCode(serial, "serial"))
    .$if(exceptAssetId !== undefined, (qb) => qb.where("id", "<>", exceptAssetId ?? ""))
    .executeTakeFirst();
  if (other)
    throw new AppError("CONFLICT", `Serial ${serial} already belongs to ${other.tag}.`, { field: "serial" });
}

export async function assertTagFree(trx: Executor, tenantId: string, tag: string, exceptAssetId?: string) {
  const other = await trx
    .selectFrom("assets")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb(eb.fn("lower", ["tag"]), "=", tag.toLowerCase()))
    .$if(exceptAssetId !== undefined, (qb) => qb.where("id", "<>", exceptAssetId ?? ""))
    .executeTakeFirst();
  if (other) throw new AppError("CONFLICT", `Tag ${tag} is already used by another asset.`, { field: "tag" });
}
