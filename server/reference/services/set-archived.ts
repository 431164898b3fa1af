import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { type ArchivableTable, nameColumnOf } from "../selectable";

/** Tables archived one row at a time (locations archive their whole branch, see set-location-archived). */
export type SingleArchivable = Exclude<ArchivableTable, "locations">;

const describe = {
  organizations: { label: "organization", event: "organization.updated" },
  departments: { label: "department", event: "department.updated" },
  categories: { label: "category", event: "category.updated" },
  manufacturers: { label: "manufacturer", event: "manufacturer.updated" },
  asset_models: { label: "model", event: "model.updated" },
  statuses: { label: "status", event: "status.updated" },
} as const satisfies Record<SingleArchivable, { label: string; event: string }>;

/**
 * Archives (soft deletes) or restores a reference row. Archived rows stay on the records that use
 * them but are no longer offered for new ones (see assertSelectable). The default status of a kind
 * cannot be archived: lifecycle operations move assets to it.
 */
export async function setArchived(
  scope: TenantScope,
  table: SingleArchivable,
  input: { id: string },
  archived: boolean,
) {
  const { label, event } = describe[table];
  const found = await sql<{ id: string; name: string; archived_at: Date | null; is_default: boolean }>`
    select id, ${sql.ref(nameColumnOf(table))} as name, archived_at,
      ${table === "statuses" ? sql`is_default` : sql`false`} as is_default
    from ${sql.table(table)}
    where tenant_id = ${scope.tenantId} and id = ${input.id}
    for update`.execute(scope.db);
  const row = found.rows[0];
  if (!row)
    throw new AppError("NOT_FOUND", `That ${label} does not exist here; it may have been deleted or merged.`);
  if ((row.archived_at !== null) === archived)
    return { id: row.id, name: row.name, archivedAt: row.archived_at };
  if (archived && row.is_default) {
    throw new AppError(
      "UNPROCESSABLE",
      `${row.name} is the default status of its kind; make another status the default before archiving it.`,
    );
  }
  const archivedAt = archived ? new Date() : null;
  await sql`update ${sql.table(table)} set archived_at = ${archivedAt}
    where tenant_id = ${scope.tenantId} and id = ${row.id}`.execute(scope.db);
  const changes = changesBetween({ archived: !archived }, { archived });
  if (event === "status.updated") {
    await emit(scope, {
      name: event,
      entityId: row.id,
      data: { label: row.name, changes },
    });
  } else {
    await emit(scope, {
      name: event,
      entityId: row.id,
      data: { name: row.name, changes },
    });
  }
  return { id: row.id, name: row.name, archivedAt };
}
