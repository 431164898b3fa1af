import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { changesBetween } from "../changes";
import { refuseDuplicateOnRace } from "../conflicts";
import { assertNameAvailable, lockNames } from "../matcher";
import { normalizeName } from "../normalize";
import type { UpdateOrganizationInput } from "../schemas/names";

/** Renames an organization; the new name is normalized again and must not collide with another. */
export async function updateOrganization(ctx: TenantContext, input: UpdateOrganizationInput) {
  // Names first, then the row: the order merges and alias changes lock in too.
  await lockNames(ctx.db, ctx.tenantId, "organization");
  const current = await ctx.db
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("tenant_id", "=", ctx.tenantId)
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
  await assertNameAvailable(ctx.db, ctx.tenantId, "organization", input.name, current.id);
  await refuseDuplicateOnRace(
    ctx.db
      .updateTable("organizations")
      .set({ name: input.name, normalized_name: normalizeName(input.name) })
      .where("tenant_id", "=", ctx.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another organization took the name ${input.name} a moment ago.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "organization.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { name: input.name, changes },
  });
  return { id: current.id, name: input.name };
}
