import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertSelectable } from "../../selectable";
import { assertModelNameAvailable } from "../model-names";
import type { UpdateModelInput } from "../schemas";

/** Renames a model, changes its model number or category (its manufacturer stays). */
export async function updateModel(scope: TenantScope, input: UpdateModelInput) {
  const current = await scope.db
    .selectFrom("asset_models")
    .innerJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
    .select([
      "asset_models.id",
      "asset_models.name",
      "asset_models.model_number",
      "asset_models.category_id",
      "manufacturers.id as manufacturer_id",
      "manufacturers.name as manufacturer_name",
    ])
    .where("asset_models.tenant_id", "=", scope.tenantId)
    .where("asset_models.id", "=", input.id)
    .forUpdate("asset_models")
    .executeTakeFirst();
  if (!current) throw new AppError("NOT_FOUND", "That model does not exist here; it may have been deleted.");
  const changes = changesBetween(
    { name: current.name, modelNumber: current.model_number, categoryId: current.category_id },
    { name: input.name, modelNumber: input.modelNumber, categoryId: input.categoryId },
  );
  if (Object.keys(changes).length === 0) return { id: current.id, name: current.name };
  const name = input.name ?? current.name;
  const manufacturer = { id: current.manufacturer_id, name: current.manufacturer_name };
  if (changes.name) await assertModelNameAvailable(scope.db, scope.tenantId, manufacturer, name, current.id);
  if (changes.categoryId && input.categoryId) {
    await assertSelectable(scope.db, scope.tenantId, "categories", input.categoryId, "Category");
  }
  await refuseDuplicateOnRace(
    scope.db
      .updateTable("asset_models")
      .set({
        name,
        model_number: input.modelNumber === undefined ? current.model_number : input.modelNumber,
        category_id: input.categoryId === undefined ? current.category_id : input.categoryId,
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `${manufacturer.name} already has a model named ${name}.`,
  );
  await emit(scope, {
    name: "model.updated",
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
