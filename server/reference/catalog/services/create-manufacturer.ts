import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { normalizeName } from "../../names/normalize";
import { assertCatalogNameAvailable } from "../catalog-names";

/** Creates a manufacturer unless one with the same normalized name exists ("Dell Inc." is "Dell Inc"). */
export async function createManufacturer(scope: TenantScope, input: { name: string }) {
  await assertCatalogNameAvailable(scope.db, scope.tenantId, "manufacturers", input.name);
  const manufacturer = await refuseDuplicateOnRace(
    scope.db
      .insertInto("manufacturers")
      .values({ tenant_id: scope.tenantId, name: input.name, normalized_name: normalizeName(input.name) })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A manufacturer named ${input.name} was just created. Reload to see it.`,
  );
  await emit(scope, {
    name: "manufacturer.created",
    entityId: manufacturer.id,
    data: { name: manufacturer.name },
  });
  return manufacturer;
}
