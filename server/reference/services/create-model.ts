import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertModelNameAvailable } from "../model-names";
import type { CreateModelInput } from "../schemas/catalog";
import { assertSelectable } from "../selectable";

/** Creates a model of an active manufacturer, optionally tied to an active category. */
export async function createModel(ctx: TenantContext, input: CreateModelInput) {
  const manufacturer = await assertSelectable(
    ctx.db,
    ctx.tenantId,
    "manufacturers",
    input.manufacturerId,
    "Manufacturer",
  );
  if (input.categoryId)
    await assertSelectable(ctx.db, ctx.tenantId, "categories", input.categoryId, "Category");
  await assertModelNameAvailable(ctx.db, ctx.tenantId, manufacturer, input.name);
  const model = await refuseDuplicateOnRace(
    ctx.db
      .insertInto("asset_models")
      .values({
        tenant_id: ctx.tenantId,
        manufacturer_id: manufacturer.id,
        category_id: input.categoryId,
        name: input.name,
        model_number: input.modelNumber ?? null,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `${manufacturer.name} ${input.name} was just created. Reload to see it.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "model.created",
    actor: ctx.actor,
    entityId: model.id,
    data: { name: model.name, manufacturerId: manufacturer.id, categoryId: input.categoryId },
  });
  return model;
}
