import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertCatalogNameAvailable } from "../catalog-names";
import { changesBetween } from "../changes";
import { refuseDuplicateOnRace } from "../conflicts";
import { normalizeName } from "../normalize";

/** Renames a manufacturer; refused when another already has the name. */
export async function updateManufacturer(ctx: TenantContext, input: { id: string; name: string }) {
  const current = await ctx.db
    .selectFrom("manufacturers")
    .select(["id", "name"])
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current)
    throw new AppError("NOT_FOUND", "That manufacturer does not exist here; it may have been deleted.");
  const changes = changesBetween({ name: current.name }, { name: input.name });
  if (!changes.name) return { id: current.id, name: current.name };
  await assertCatalogNameAvailable(ctx.db, ctx.tenantId, "manufacturers", input.name, current.id);
  await refuseDuplicateOnRace(
    ctx.db
      .updateTable("manufacturers")
      .set({ name: input.name, normalized_name: normalizeName(input.name) })
      .where("tenant_id", "=", ctx.tenantId)
      .where("id", "=", current.id)
      .execute(),
    `Another manufacturer took the name ${input.name} a moment ago.`,
  );
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "manufacturer.updated",
    actor: ctx.actor,
    entityId: current.id,
    data: { name: input.name, changes },
  });
  return { id: current.id, name: input.name };
}
