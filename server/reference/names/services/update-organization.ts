import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertNameAvailable, lockNames } from "../matcher";
import { normalizeName } from "../normalize";
import type { UpdateOrganizationInput } from "../schemas";

/** Renames an organization; the new name is normalized again and must not collide with another. */
export async function updateOrganization(scope: TenantScope, input: UpdateOrganizationInput) {
  // Names first, then the row: the order merges and alias changes lock in too.
  await lockNames(scope.db, scope.tenantId, "organization");
  const current = await scope.db
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new AppError(
      "NOT_FOUND",
      "That organization does not exist here; it may have been merged into another.",
    );
  const changes = changesBetween({ name: current.name }, { name: input.name });
  if (!changes.name) return { id: current.id, name: current.name };
  await assertNameAvailable(scope.db, scope.tenantId, "organization", input.name, current.id);
  await refuseDuplicateOnRace(
    scope.db
      .updateTable("organizations")
      .set({ name: input.name, normalized_name: normalizeName(input.name) })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another organization took the name ${input.name} a moment ago.`,
  );
  await emit(scope, {
    name: "organization.updated",
    entityId: current.id,
    data: { name: input.name, changes },
  });
  return { id: current.id, name: input.name };
}
