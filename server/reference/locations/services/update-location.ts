import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { assertCanContain, type LocationKind } from "../location-tree";
import { assertItContact, assertLocationNameFree, lockLocation, lockLocationTree } from "../queries";
import type { UpdateLocationInput } from "../schemas";

/**
 * Renames a location, changes its code, its IT contact, or its kind (still below its parent's and
 * above its children's).
 */
export async function updateLocation(scope: TenantScope, input: UpdateLocationInput) {
  const { db, tenantId } = scope;
  await lockLocationTree(db, tenantId);
  const location = await lockLocation(db, tenantId, input.id);
  if (!location)
    throw new AppError("NOT_FOUND", "That location does not exist here; it may have been deleted.");
  const changes = changesBetween(
    {
      name: location.name,
      kind: location.kind,
      code: location.code,
      itContactUserId: location.it_contact_user_id,
    },
    { name: input.name, kind: input.kind, code: input.code, itContactUserId: input.itContactUserId },
  );
  if (Object.keys(changes).length === 0) return { id: location.id, name: location.name };
  const next = { name: input.name ?? location.name, kind: input.kind ?? location.kind };
  if (changes.name) {
    await assertLocationNameFree(db, tenantId, {
      parentId: location.parent_id,
      name: next.name,
      exceptId: location.id,
    });
  }
  if (changes.itContactUserId) await assertItContact(db, tenantId, input.itContactUserId);
  if (changes.kind) {
    if (location.parent_id) {
      const parent = await lockLocation(db, tenantId, location.parent_id);
      if (parent) assertCanContain(parent, next);
    }
    const children = await db
      .selectFrom("locations")
      .select(["name", "kind"])
      .where("tenant_id", "=", tenantId)
      .where("parent_id", "=", location.id)
      .execute();
    for (const child of children)
      assertCanContain(next, { name: child.name, kind: child.kind as LocationKind });
  }
  await db
    .updateTable("locations")
    .set({
      name: next.name,
      kind: next.kind,
      code: input.code === undefined ? location.code : input.code,
      it_contact_user_id:
        input.itContactUserId === undefined ? location.it_contact_user_id : input.itContactUserId,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", location.id)
    .execute();
  await emit(scope, {
    name: "location.updated",
    entityId: location.id,
    data: { name: next.name, changes },
  });
  return { id: location.id, name: next.name };
}
