import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { normalizeName } from "../../names/normalize";
import { assertCatalogNameAvailable } from "../catalog-names";
import type { CreateCategoryInput } from "../schemas";

/** Creates an asset category with an optional depreciation period; its custom fields are added after. */
export async function createCategory(scope: TenantScope, input: CreateCategoryInput) {
  await assertCatalogNameAvailable(scope.db, scope.tenantId, "categories", input.name);
  const category = await refuseDuplicateOnRace(
    scope.db
      .insertInto("categories")
      .values({
        tenant_id: scope.tenantId,
        name: input.name,
        normalized_name: normalizeName(input.name),
        depreciation_months: input.depreciationMonths,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A category named ${input.name} was just created. Reload to see it.`,
  );
  await emit(scope, {
    name: "category.created",
    entityId: category.id,
    data: { name: category.name, depreciationMonths: input.depreciationMonths },
  });
  return category;
}
