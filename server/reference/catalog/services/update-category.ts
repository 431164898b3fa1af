import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { normalizeName } from "../../names/normalize";
import { assertCatalogNameAvailable } from "../catalog-names";
import type { UpdateCategoryInput } from "../schemas";

/** Renames a category (refused when the name is taken) and/or changes its depreciation period. */
export async function updateCategory(scope: TenantScope, input: UpdateCategoryInput) {
  const current = await scope.db
    .selectFrom("categories")
    .select(["id", "name", "depreciation_months"])
    .where("tenant_id", "=", scope.tenantId)
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
  if (changes.name)
    await assertCatalogNameAvailable(scope.db, scope.tenantId, "categories", name, current.id);
  await refuseDuplicateOnRace(
    scope.db
      .updateTable("categories")
      .set({
        name,
        normalized_name: normalizeName(name),
        depreciation_months:
          input.depreciationMonths === undefined ? current.depreciation_months : input.depreciationMonths,
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another category took the name ${name} a moment ago.`,
  );
  await emit(scope, {
    name: "category.updated",
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
