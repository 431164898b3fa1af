import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { assertCatalogNameAvailable } from "../catalog-names";
import { refuseDuplicateOnRace } from "../conflicts";
import { normalizeName } from "../normalize";
import type { CreateCategoryInput } from "../schemas/catalog";

/** Creates an asset category with an optional depreciation period; its custom fields are added after. */
export async function createCategory(ctx: TenantContext, input: CreateCategoryInput) {
  await assertCatalogNameAvailable(ctx.db, ctx.tenantId, "categories", input.name);
  const category = await refuseDuplicateOnRace(
    ctx.db
      .insertInto("categories")
      .values({
        tenant_id: ctx.tenantId,
        name: input.name,
        normalized_name: normalizeName(input.name),
        depreciation_months: input.depreciationMonths,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A category named ${input.name} was just created. Reload to see it.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "category.created",
    actor: ctx.actor,
    entityId: category.id,
    data: { name: category.name, depreciationMonths: input.depreciationMonths },
  });
  return category;
}
