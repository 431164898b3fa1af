import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { assertCanContain } from "../location-tree";
import { assertLocationNameFree, lockLocation, lockLocationTree, subtreeIds } from "../queries";
import type { MoveLocationInput } from "../schemas";

/**
 * Moves a location (with everything below it) under another parent, or to the top of the tree.
 * Refused when the new parent is the location itself or one of its descendants (no cycles),
 * archived, or of a kind that cannot hold it.
 */
export async function moveLocation(scope: TenantScope, input: MoveLocationInput) {
  const { db, tenantId } = scope;
  await lockLocationTree(db, tenantId);
  const location = await lockLocation(db, tenantId, input.id);
  if (!location)
    throw new AppError("NOT_FOUND", "That location does not exist here; it may have been deleted.");
  if (location.parent_id === input.parentId) return { id: location.id, name: location.name };
  if (input.parentId) {
    const parent = await lockLocation(db, tenantId, input.parentId);
    if (!parent)
      throw new AppError("UNPROCESSABLE", "The new parent location does not exist; choose another.");
    const branch = await subtreeIds(db, tenantId, location.id);
    if (branch.includes(parent.id)) {
      throw new AppError(
        "UNPROCESSABLE",
        parent.id === location.id
          ? `${location.name} cannot be placed inside itself.`
          : `${parent.name} is inside ${location.name}; a location cannot move under its own descendant (no cycles).`,
      );
    }
    if (parent.archived_at)
      throw new AppError("UNPROCESSABLE", `${parent.name} is archived; choose another parent.`);
    assertCanContain(parent, location);
  }
  await assertLocationNameFree(db, tenantId, {
    parentId: input.parentId,
    name: location.name,
    exceptId: location.id,
  });
  await db
    .updateTable("locations")
    .set({ parent_id: input.parentId })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", location.id)
    .execute();
  await emit(scope, {
    name: "location.moved",
    entityId: location.id,
    data: { name: location.name, fromParentId: location.parent_id, toParentId: input.parentId },
  });
  return { id: location.id, name: location.name };
}
