import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { assertSelectable } from "../../selectable";
import { assertNameAvailable } from "../matcher";
import { normalizeName } from "../normalize";
import type { CreateDepartmentInput } from "../schemas";

/**
 * Creates a department unless its name is already taken: "IT dept" next to "IT Department" is
 * refused with a CONFLICT naming IT Department (details `{ existingId, existingName }`), so the
 * caller can use it or record "IT dept" as its alias.
 */
export async function createDepartment(scope: TenantScope, input: CreateDepartmentInput) {
  await assertNameAvailable(scope.db, scope.tenantId, "department", input.name);
  if (input.organizationId) {
    await assertSelectable(scope.db, scope.tenantId, "organizations", input.organizationId, "Organization");
  }
  const department = await refuseDuplicateOnRace(
    scope.db
      .insertInto("departments")
      .values({
        tenant_id: scope.tenantId,
        name: input.name,
        normalized_name: normalizeName(input.name),
        organization_id: input.organizationId,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A department named ${input.name} was just created. Reload to see it.`,
  );
  await emit(scope, {
    name: "department.created",
    entityId: department.id,
    data: { name: department.name, organizationId: input.organizationId },
  });
  return department;
}
