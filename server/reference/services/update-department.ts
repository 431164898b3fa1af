import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { changesBetween } from "../changes";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertNameAvailable, lockNames } from "../matcher";
import { normalizeName } from "../normalize";
import type { UpdateDepartmentInput } from "../schemas/names";
import { assertSelectable } from "../selectable";

/** Renames a department (normalized again, refused on collision) and/or moves it to an organization. */
export async function updateDepartment(ctx: TenantContext, input: UpdateDepartmentInput) {
  // Names first, then the row: the order merges and alias changes lock in too.
  await lockNames(ctx.db, ctx.tenantId, "department");
  const current = await ctx.db
    .selectFrom("departments")
    .select(["id", "name", "organization_id"])
    .where("tenant_id", "=", ctx.tenantId)
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
  if (changes.name) await assertNameAvailable(ctx.db, ctx.tenantId, "department", name, current.id);
  if (changes.organizationId && input.organizationId) {
    await assertSelectable(ctx.db, ctx.tenantId, "organizations", input.organizationId, "Organization");
  }
  await refuseDuplicateOnRace(
    ctx.db
      .updateTable("departments")
      .set({
        name,
        normalized_name: normalizeName(name),
        organization_id: input.organizationId === undefined ? current.organization_id : input.organizationId,
      })
      .where("tenant_id", "=", ctx.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another department took the name ${name} a moment ago.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "department.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { name, changes },
  });
  return { id: current.id, name };
}
