import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertSelectable } from "../../selectable";
import { assertNameAvailable, lockNames } from "../matcher";
import { normalizeName } from "../normalize";
import type { UpdateDepartmentInput } from "../schemas";

/** Renames a department (normalized again, refused on collision) and/or moves it to an organization. */
export async function updateDepartment(scope: TenantScope, input: UpdateDepartmentInput) {
  // Names first, then the row: the order merges and alias changes lock in too.
  await lockNames(scope.db, scope.tenantId, "department");
  const current = await scope.db
    .selectFrom("departments")
    .select(["id", "name", "organization_id"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new AppError(
      "NOT_FOUND",
      "That department does not exist here; it may have been merged into another.",
    );
  const changes = changesBetween(
    { name: current.name, organizationId: current.organization_id },
    { name: input.name, organizationId: input.organizationId },
  );
  if (Object.keys(changes).length === 0) return { id: current.id, name: current.name };
  const name = input.name ?? current.name;
  if (changes.name) await assertNameAvailable(scope.db, scope.tenantId, "department", name, current.id);
  if (changes.organizationId && input.organizationId) {
    await assertSelectable(scope.db, scope.tenantId, "organizations", input.organizationId, "Organization");
  }
  await refuseDuplicateOnRace(
    scope.db
      .updateTable("departments")
      .set({
        name,
        normalized_name: normalizeName(name),
        organization_id: input.organizationId === undefined ? current.organization_id : input.organizationId,
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another department took the name ${name} a moment ago.`,
  );
  await emit(scope, {
    name: "department.updated",
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
