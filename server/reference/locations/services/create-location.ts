import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { assertCanContain } from "../location-tree";
import { assertItContact, assertLocationNameFree, lockLocation, lockLocationTree } from "../queries";
import type { CreateLocationInput } from "../schemas";

/**
 * Adds a location at the top of the tree or under an active parent whose kind is above its own,
 * with a name its siblings do not already have.
 */
export async function createLocation(scope: TenantScope, input: CreateLocationInput) {
  const { db, tenantId } = scope;
  await lockLocationTree(db, tenantId);
  if (input.parentId) {
    const parent = await lockLocation(db, tenantId, input.parentId);
    if (!parent) throw new AppError("UNPROCESSABLE", "The parent location does not exist; choose another.");
    if (parent.archived_at)
      throw new AppError("UNPROCESSABLE", `${parent.name} is archived; choose another parent.`);
    assertCanContain(parent, input);
  }
  await assertLocationNameFree(db, tenantId, { parentId: input.parentId, name: input.name });
  await assertItContact(db, tenantId, input.itContactUserId);
  const location = await db
    .insertInto("locations")
    .values({
      tenant_id: tenantId,
      parent_id: input.parentId,
      name: input.name,
      kind: input.kind,
      code: input.code ?? null,
      it_contact_user_id: input.itContactUserId ?? null,
    })
    .returning(["id", "name"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "location.created",
    entityId: location.id,
    data: {
      name: location.name,
      kind: input.kind,
      parentId: input.parentId,
      itContactUserId: input.itContactUserId ?? null,
    },
  });
  return location;
}
