import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertCanContain } from "../location-tree";
import { lockLocation } from "../queries/locations";
import type { CreateLocationInput } from "../schemas/locations";

/** Adds a location at the top of the tree or under an active parent whose kind is above its own. */
export async function createLocation(ctx: TenantContext, input: CreateLocationInput) {
  const { db, tenantId } = ctx;
  if (input.parentId) {
    const parent = await lockLocation(db, tenantId, input.parentId);
    if (!parent) throw new AppError("UNPROCESSABLE", "The parent location does not exist; choose another.");
    if (parent.archived_at)
      throw new AppError("UNPROCESSABLE", `${parent.name} is archived; choose another parent.`);
    assertCanContain(parent, input);
  }
  const location = await db
    .insertInto("locations")
    .values({
      tenant_id: tenantId,
      parent_id: input.parentId,
      name: input.name,
      kind: input.kind,
      code: input.code ?? null,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await emit(db, {
    tenantId,
    name: "location.created",
    actor: ctx.actor,
    entityId: location.id,
    data: { name: location.name, kind: input.kind, parentId: input.parentId },
  });
  return location;
}
