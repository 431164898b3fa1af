import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { lockLocation, lockLocationTree, subtreeIds } from "../queries";

/**
 * Archives a location together with everything below it (a closed site closes its buildings and
 * rooms), or restores the branch. A branch cannot be restored under an archived parent.
 */
export async function setLocationArchived(scope: TenantScope, input: { id: string }, archived: boolean) {
  const { db, tenantId } = scope;
  await lockLocationTree(db, tenantId);
  const location = await lockLocation(db, tenantId, input.id);
  if (!location)
    throw new AppError("NOT_FOUND", "That location does not exist here; it may have been deleted.");
  if (!archived && location.parent_id) {
    const parent = await lockLocation(db, tenantId, location.parent_id);
    if (parent?.archived_at) {
      throw new AppError(
        "UNPROCESSABLE",
        `${location.name} is inside ${parent.name}, which is archived; unarchive ${parent.name} first.`,
      );
    }
  }
  const branch = await subtreeIds(db, tenantId, location.id);
  const archivedAt = archived ? new Date() : null;
  const updated = await db
    .updateTable("locations")
    .set({ archived_at: archivedAt })
    .where("tenant_id", "=", tenantId)
    .where("id", "in", branch)
    .where("archived_at", archived ? "is" : "is not", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) {
    await emit(scope, {
      name: "location.updated",
      entityId: location.id,
      data: {
        name: location.name,
        changes: changesBetween({ archived: !archived }, { archived }),
      },
    });
  }
  return { id: location.id, name: location.name, archivedAt };
}
