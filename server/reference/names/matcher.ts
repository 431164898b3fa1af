import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { normalizeName } from "./normalize";

/** Reference data whose other spellings are recorded in name_aliases. */
export const namedEntityTypes = ["organization", "department"] as const;
export type NamedEntityType = (typeof namedEntityTypes)[number];

export const namedEntityTables = {
  organization: "organizations",
  department: "departments",
} as const satisfies Record<NamedEntityType, string>;

export type NameMatch = {
  id: string;
  name: string;
  archivedAt: Date | null;
  /** "name" when the normalized names are equal, "alias" when a recorded alias matched. */
  matchedBy: "name" | "alias";
  alias: string | null;
};

/**
 * The organization or department a name refers to, if any: equal once normalized ("IT dept" is
 * "IT Department"), or equal to one of its recorded aliases. Integrations and CSV import resolve
 * names through this instead of creating duplicates. Archived entities match too (they still own
 * the name); callers decide whether an archived match is usable.
 */
export async function findByName(
  trx: Executor,
  tenantId: string,
  entityType: NamedEntityType,
  name: string,
): Promise<NameMatch | null> {
  const normalized = normalizeName(name);
  if (!normalized) return null;
  const table = sql.table(namedEntityTables[entityType]);
  const result = await sql<{ id: string; name: string; archived_at: Date | null; alias: string | null }>`
    select entity.id, entity.name, entity.archived_at, null as alias, 0 as rank
    from ${table} entity
    where entity.tenant_id = ${tenantId} and entity.normalized_name = ${normalized}
    union all
    select entity.id, entity.name, entity.archived_at, alias.alias, 1 as rank
    from name_aliases alias join ${table} entity on entity.id = alias.entity_id
    where alias.tenant_id = ${tenantId} and alias.entity_type = ${entityType}
      and alias.normalized_alias = ${normalized}
    order by rank
    limit 1`.execute(trx);
  const row = result.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    matchedBy: row.alias === null ? "name" : "alias",
    alias: row.alias,
  };
}

/**
 * Name checks and the writes after them run one at a time per tenant and entity type: names and
 * aliases live in two tables, so no unique index alone can stop "X" being created as a department
 * while "X" is added as another department's alias.
 */
export async function lockNames(trx: Executor, tenantId: string, entityType: NamedEntityType): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`names:${entityType}:${tenantId}`}))`.execute(trx);
}

/**
 * Refuses a name that already belongs to another organization or department (by its normalized
 * name or an alias). The CONFLICT carries `{ existingId, existingName }` so a caller can offer to
 * use the existing one or record the new spelling as its alias.
 */
export async function assertNameAvailable(
  trx: Executor,
  tenantId: string,
  entityType: NamedEntityType,
  name: string,
  exceptId?: string,
): Promise<void> {
  await lockNames(trx, tenantId, entityType);
  const match = await findByName(trx, tenantId, entityType, name);
  if (!match || match.id === exceptId) return;
  throw nameConflict(entityType, name, match);
}

export function nameConflict(entityType: NamedEntityType, name: string, match: NameMatch): AppError {
  const archived = match.archivedAt ? ` It is archived; unarchive it to use it again.` : "";
  const wanted = name.trim();
  const message =
    match.matchedBy === "alias"
      ? `"${wanted}" is already an alias of the ${entityType} ${match.name}. Use ${match.name} instead.${archived}`
      : wanted.toLowerCase() === match.name.toLowerCase()
        ? `A ${entityType} named ${match.name} already exists.${archived}`
        : `"${wanted}" matches the existing ${entityType} ${match.name}. Use ${match.name}, or add "${wanted}" as its alias.${archived}`;
  return new AppError("CONFLICT", message, {
    existingId: match.id,
    existingName: match.name,
    matchedBy: match.matchedBy,
    archived: match.archivedAt !== null,
  });
}
