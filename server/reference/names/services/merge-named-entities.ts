import type { TenantScope } from "../../../context";
import type { Trx } from "../../../db";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { lockNames, type NamedEntityType } from "../matcher";
import { lockNamedEntity, type NamedEntityRow } from "../named-entities";
import type { MergeInput } from "../schemas";

/** Points every row that references the duplicate at the survivor; returns how many moved, per kind. */
async function moveReferences(
  trx: Trx,
  tenantId: string,
  entityType: NamedEntityType,
  from: string,
  to: string,
): Promise<Record<string, number>> {
  if (entityType === "organization") {
    const departments = await trx
      .updateTable("departments")
      .set({ organization_id: to })
      .where("tenant_id", "=", tenantId)
      .where("organization_id", "=", from)
      .executeTakeFirst();
    return { departments: Number(departments.numUpdatedRows) };
  }
  const employees = await trx
    .updateTable("employees")
    .set({ department_id: to })
    .where("tenant_id", "=", tenantId)
    .where("department_id", "=", from)
    .executeTakeFirst();
  return { employees: Number(employees.numUpdatedRows) };
}

/**
 * Folds a duplicate organization or department into the one that stays, in one transaction:
 * every reference and alias moves to the survivor, the duplicate's name becomes an alias of the
 * survivor (so integrations that still send it resolve correctly), the duplicate is deleted, and
 * an event records both ids. A department that has no organization takes the duplicate's.
 */
export async function mergeNamedEntities(scope: TenantScope, entityType: NamedEntityType, input: MergeInput) {
  const { db, tenantId } = scope;
  await lockNames(db, tenantId, entityType);
  // Lock in id order so two merges of the same pair cannot deadlock.
  const locked = new Map<string, NamedEntityRow>();
  for (const id of [input.survivorId, input.duplicateId].sort()) {
    locked.set(id, await lockNamedEntity(db, tenantId, entityType, id));
  }
  const survivor = locked.get(input.survivorId);
  const duplicate = locked.get(input.duplicateId);
  if (!survivor || !duplicate) throw new AppError("INTERNAL", "Merge lost a locked row");
  if (survivor.archived_at) {
    throw new AppError("UNPROCESSABLE", `${survivor.name} is archived; unarchive it before merging into it.`);
  }

  const moved = await moveReferences(db, tenantId, entityType, duplicate.id, survivor.id);
  if (entityType === "department") {
    const adopted = await db
      .updateTable("departments")
      .set((eb) => ({
        organization_id: eb
          .selectFrom("departments as duplicate")
          .select("duplicate.organization_id")
          .where("duplicate.id", "=", duplicate.id),
      }))
      .where("tenant_id", "=", tenantId)
      .where("id", "=", survivor.id)
      .where("organization_id", "is", null)
      .executeTakeFirst();
    moved.organization = Number(adopted.numUpdatedRows);
  }
  const aliases = await db
    .updateTable("name_aliases")
    .set({ entity_id: survivor.id })
    .where("tenant_id", "=", tenantId)
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", duplicate.id)
    .executeTakeFirst();
  moved.aliases = Number(aliases.numUpdatedRows);

  await db
    .deleteFrom(entityType === "organization" ? "organizations" : "departments")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", duplicate.id)
    .execute();
  // The duplicate's aliases just moved here; its own spelling may already be one of them.
  await db
    .insertInto("name_aliases")
    .values({
      tenant_id: tenantId,
      entity_type: entityType,
      entity_id: survivor.id,
      alias: duplicate.name,
      normalized_alias: duplicate.normalized_name,
    })
    .onConflict((oc) => oc.columns(["tenant_id", "entity_type", "normalized_alias"]).doNothing())
    .execute();

  await emit(scope, {
    name: entityType === "organization" ? "organization.merged" : "department.merged",
    entityId: survivor.id,
    data: {
      survivorId: survivor.id,
      survivorName: survivor.name,
      duplicateId: duplicate.id,
      duplicateName: duplicate.name,
      moved,
    },
  });
  return { survivorId: survivor.id, duplicateId: duplicate.id, moved };
}
