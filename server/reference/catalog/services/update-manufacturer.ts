import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { normalizeName } from "../../names/normalize";
import { assertCatalogNameAvailable } from "../catalog-names";

/** Renames a manufacturer; refused when another already has the name. */
export async function updateManufacturer(scope: TenantScope, input: { id: string; name: string }) {
  const current = await scope.db
    .selectFrom("manufacturers")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new AppError("NOT_FOUND", "That manufacturer does not exist here; it may have been deleted.");
  const changes = changesBetween({ name: current.name }, { name: input.name });
  if (!changes.name) return { id: current.id, name: current.name };
  await assertCatalogNameAvailable(scope.db, scope.tenantId, "manufacturers", input.name, current.id);
  await refuseDuplicateOnRace(
    scope.db
      .updateTable("manufacturers")
      .set({ name: input.name, normalized_name: normalizeName(input.name) })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another manufacturer took the name ${input.name} a moment ago.`,
  );
  await emit(scope, {
    name: "manufacturer.updated",
    entityId: current.id,
    data: { name: input.name, changes },
  });
  return { id: current.id, name: input.name };
}
