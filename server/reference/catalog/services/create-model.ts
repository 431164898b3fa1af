import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertSelectable } from "../../selectable";
import { assertModelNameAvailable } from "../model-names";
import type { CreateModelInput } from "../schemas";

/** Creates a model of an active manufacturer, optionally tied to an active category. */
export async function createModel(scope: TenantScope, input: CreateModelInput) {
  const manufacturer = await assertSelectable(
    scope.db,
    scope.tenantId,
    "manufacturers",
    input.manufacturerId,
    "Manufacturer",
  );
  if (input.categoryId)
    await assertSelectable(scope.db, scope.tenantId, "categories", input.categoryId, "Category");
  await assertModelNameAvailable(scope.db, scope.tenantId, manufacturer, input.name);
  const model = await refuseDuplicateOnRace(
    scope.db
      .insertInto("asset_models")
      .values({
        tenant_id: scope.tenantId,
        manufacturer_id: manufacturer.id,
        category_id: input.categoryId,
        name: input.name,
        model_number: input.modelNumber ?? null,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `${manufacturer.name} ${input.name} was just created. Reload to see it.`,
  );
  await emit(scope, {
    name: "model.created",
    entityId: model.id,
    data: { name: model.name, manufacturerId: manufacturer.id, categoryId: input.categoryId },
  });
  return model;
}
