import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { changesBetween } from "../changes";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertModelNameAvailable } from "../model-names";
import type { UpdateModelInput } from "../schemas/catalog";
import { assertSelectable } from "../selectable";

/** Renames a model, changes its model number or category (its manufacturer stays). */
export async function updateModel(ctx: TenantContext, input: UpdateModelInput) {
  const current = await ctx.db
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
    .where("asset_models.tenant_id", "=", ctx.tenantId)
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
  if (changes.name) await assertModelNameAvailable(ctx.db, ctx.tenantId, manufacturer, name, current.id);
  if (changes.categoryId && input.categoryId) {
    await assertSelectable(ctx.db, ctx.tenantId, "categories", input.categoryId, "Category");
  }
  await refuseDuplicateOnRace(
    ctx.db
      .updateTable("asset_models")
      .set({
        name,
        model_number: input.modelNumber === undefined ? current.model_number : input.modelNumber,
        category_id: input.categoryId === undefined ? current.category_id : input.categoryId,
      })
      .where("tenant_id", "=", ctx.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `${manufacturer.name} already has a model named ${name}.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "model.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
