import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertNameAvailable } from "../matcher";
import { normalizeName } from "../normalize";
import type { CreateDepartmentInput } from "../schemas/names";
import { assertSelectable } from "../selectable";

/**
 * Creates a department unless its name is already taken: "IT dept" next to "IT Department" is
 * refused with a CONFLICT naming IT Department (details `{ existingId, existingName }`), so the
 * caller can use it or record "IT dept" as its alias.
 */
export async function createDepartment(ctx: TenantContext, input: CreateDepartmentInput) {
  await assertNameAvailable(ctx.db, ctx.tenantId, "department", input.name);
  if (input.organizationId) {
    await assertSelectable(ctx.db, ctx.tenantId, "organizations", input.organizationId, "Organization");
  }
  const department = await refuseDuplicateOnRace(
    ctx.db
      .insertInto("departments")
      .values({
        tenant_id: ctx.tenantId,
        name: input.name,
        normalized_name: normalizeName(input.name),
        organization_id: input.organizationId,
      })
      .returning(["id", "name"])
      .executeTakeFirstOrThrow(),
    `A department named ${input.name} was just created. Reload to see it.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "department.created",
    actor: ctx.actor,
    entityId: department.id,
    data: { name: department.name, organizationId: input.organizationId },
  });
  return department;
}
