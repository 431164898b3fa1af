import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { refuseIfStillReferenced } from "../../conflicts";
import { assertCanContain, describeContents, type LocationKind } from "../location-tree";
import { locationContents, lockLocation, lockLocationTree, subtreeIds } from "../queries";
import type { DeleteLocationInput } from "../schemas";

type Location = NonNullable<Awaited<ReturnType<typeof lockLocation>>>;

/** Checks that `reassignTo` can take in what the location holds, and returns it. */
async function reassignTarget(scope: TenantScope, location: Location, targetId: string) {
  const { db, tenantId } = scope;
  const target = await lockLocation(db, tenantId, targetId);
  if (!target)
    throw new AppError("UNPROCESSABLE", "The location to move things to does not exist; choose another.");
  if (target.archived_at)
    throw new AppError("UNPROCESSABLE", `${target.name} is archived; choose another location.`);
  const branch = await subtreeIds(db, tenantId, location.id);
  if (branch.includes(target.id)) {
    throw new AppError(
      "UNPROCESSABLE",
      `${target.name} is ${target.id === location.id ? "the location being deleted" : `inside ${location.name}`}; choose a location outside it.`,
    );
  }
  const children = await db
    .selectFrom("locations")
    .select(["name", "kind"])
    .where("tenant_id", "=", tenantId)
    .where("parent_id", "=", location.id)
    .execute();
  for (const child of children)
    assertCanContain(target, { name: child.name, kind: child.kind as LocationKind });
  return target;
}

/**
 * Deletes a location. One that holds assets, employees or sub-locations is refused, saying how
 * many, unless `reassignTo` names another location: then its assets, employees and children move
 * there first, all in this transaction. A location with physical audits on record is archived
 * instead, so the audit keeps its place.
 */
export async function deleteLocation(scope: TenantScope, input: DeleteLocationInput) {
  const { db, tenantId } = scope;
  await lockLocationTree(db, tenantId);
  const location = await lockLocation(db, tenantId, input.id);
  if (!location)
    throw new AppError("NOT_FOUND", "That location does not exist here; it may have been deleted.");
  const contents = await locationContents(db, tenantId, location.id);
  if (contents.audits > 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `${location.name} has ${contents.audits} physical ${contents.audits === 1 ? "audit" : "audits"} on record; archive it instead of deleting it.`,
    );
  }
  const holds = contents.assets + contents.children + contents.employees > 0;
  let moved = { assets: 0, children: 0, employees: 0 };
  if (holds && !input.reassignTo) {
    throw new AppError(
      "CONFLICT",
      `${location.name} holds ${describeContents(contents)}. Move them first, or choose a location to move them to.`,
      { assets: contents.assets, children: contents.children, employees: contents.employees },
    );
  }
  if (holds && input.reassignTo) {
    const target = await reassignTarget(scope, location, input.reassignTo);
    const assets = await db
      .updateTable("assets")
      .set((eb) => ({ location_id: target.id, version: eb("version", "+", 1) }))
      .where("tenant_id", "=", tenantId)
      .where("location_id", "=", location.id)
      .executeTakeFirst();
    const employees = await db
      .updateTable("employees")
      .set({ location_id: target.id })
      .where("tenant_id", "=", tenantId)
      .where("location_id", "=", location.id)
      .executeTakeFirst();
    const children = await db
      .updateTable("locations")
      .set({ parent_id: target.id })
      .where("tenant_id", "=", tenantId)
      .where("parent_id", "=", location.id)
      .executeTakeFirst();
    moved = {
      assets: Number(assets.numUpdatedRows),
      children: Number(children.numUpdatedRows),
      employees: Number(employees.numUpdatedRows),
    };
  }
  await refuseIfStillReferenced(
    db.deleteFrom("locations").where("tenant_id", "=", tenantId).where("id", "=", location.id).execute(),
    `Something was just placed in ${location.name}; reload and try again.`,
  );
  await emit(scope, {
    name: "location.deleted",
    entityId: location.id,
    data: {
      name: location.name,
      kind: location.kind,
      reassignedTo: holds ? (input.reassignTo ?? null) : null,
      moved,
    },
  });
  return { id: location.id, moved };
}
