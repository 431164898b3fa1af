import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertCatalogNameAvailable } from "../catalog-names";
import { changesBetween } from "../changes";
import { refuseDuplicateOnRace } from "../conflicts";
import { normalizeName } from "../normalize";
import type { UpdateCategoryInput } from "../schemas/catalog";

/** Renames a category (refused when the name is taken) and/or changes its depreciation period. */
export async function updateCategory(ctx: TenantContext, input: UpdateCategoryInput) {
  const current = await ctx.db
    .selectFrom("categories")
    .select(["id", "name", "depreciation_months"])
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new AppError("NOT_FOUND", "That category does not exist here; it may have been deleted.");
  const changes = changesBetween(
    { name: current.name, depreciationMonths: current.depreciation_months },
    { name: input.name, depreciationMonths: input.depreciationMonths },
  );
  if (Object.keys(changes).length === 0) return { id: current.id, name: current.name };
  const name = input.name ?? current.name;
  if (changes.name) await assertCatalogNameAvailable(ctx.db, ctx.tenantId, "categories", name, current.id);
  await refuseDuplicateOnRace(
    ctx.db
      .updateTable("categories")
      .set({
        name,
        normalized_name: normalizeName(name),
        depreciation_months:
          input.depreciationMonths === undefined ? current.depreciation_months : input.depreciationMonths,
      })
      .where("tenant_id", "=", ctx.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another category took the name ${name} a moment ago.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "category.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
