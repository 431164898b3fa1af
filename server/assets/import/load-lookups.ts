import { type RawBuilder, type SqlBool, sql } from "kysely";
import { type Db, type Executor, withTenant } from "../../db";
import { yieldToEventLoop } from "../../heavy-jobs";
import type { CustomFieldDefinition } from "../../reference/catalog/custom-fields";
import { locationLookupKeys } from "../../reference/locations/location-names";
import type { StatusKind } from "../lifecycle";
import type { LookupColumn } from "./row-check";
import type { ImportLookups } from "./validate-rows";

/** A list of values as one parameter (any length, both drivers): `x in ${valuesOf(list)}`. */
const valuesOf = (values: readonly string[]): RawBuilder<unknown> =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Values per query when looking up what a file mentions: each query stays short. */
const LOOKUP_CHUNK = 1000;

/**
 * Runs `query` for the values a chunk at a time, each in its own short tenant transaction (so a
 * 200,000-row file does not hold the one embedded connection), and concatenates the answers.
 */
async function inChunks<T>(
  db: Db,
  tenantId: string,
  values: readonly string[],
  query: (trx: Executor, chunk: readonly string[]) => Promise<T[]>,
): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < values.length; start += LOOKUP_CHUNK) {
    const chunk = values.slice(start, start + LOOKUP_CHUNK);
    found.push(...(await withTenant(db, tenantId, (trx) => query(trx, chunk))));
    await yieldToEventLoop();
  }
  return found;
}

/**
 * Everything validation looks up, in a number of short queries that grows only with the file's
 * size in LOOKUP_CHUNKs: the tenant's reference data whole, and only the employees, tags and
 * serials the file mentions (`fileValues` of a column: its distinct values, trimmed, in lower case).
 * `checkExisting: false` skips tags and serials (an import resuming after its own earlier batches).
 */
export async function loadImportLookups(
  db: Db,
  tenantId: string,
  fileValues: (column: LookupColumn) => Promise<string[]>,
  options: { checkExisting: boolean; ownImport?: string },
): Promise<ImportLookups> {
  const tags = options.checkExisting ? await fileValues("tag") : [];
  const serials = options.checkExisting ? await fileValues("serial") : [];
  const people = await fileValues("employee");

  const [categories, statuses, locations, models, fields] = await withTenant(db, tenantId, (trx) =>
    Promise.all([
      trx
        .selectFrom("categories")
        .select(["id", "name", "normalized_name", "archived_at"])
        .where("tenant_id", "=", tenantId)
        .execute(),
      trx
        .selectFrom("statuses")
        .select(["id", "label", "kind", "is_default", "archived_at"])
        .where("tenant_id", "=", tenantId)
        .orderBy("is_default", "desc")
        .orderBy("created_at")
        .execute(),
      locationsByKey(trx, tenantId),
      trx
        .selectFrom("asset_models")
        .innerJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
        .select([
          "asset_models.id",
          "asset_models.name",
          "asset_models.category_id",
          "asset_models.archived_at",
          "manufacturers.archived_at as maker_archived_at",
        ])
        .where("asset_models.tenant_id", "=", tenantId)
        .execute(),
      trx
        .selectFrom("custom_field_definitions")
        .select(["category_id", "key", "label", "type", "required", "options"])
        .where("tenant_id", "=", tenantId)
        .where("archived_at", "is", null)
        .orderBy("position")
        .execute(),
    ]),
  );
  const employees = await inChunks(db, tenantId, people, (trx, chunk) =>
    trx
      .selectFrom("employees")
      .select(["id", "display_name", "work_email", "employee_number", "status"])
      .where("tenant_id", "=", tenantId)
      .where(sql<SqlBool>`(work_email in ${valuesOf(chunk)} or lower(employee_number) in ${valuesOf(chunk)})`)
      .execute(),
  );
  // The import's own hidden rows (written by an earlier attempt) are not someone else's.
  const ownImport = options.ownImport ?? "";
  const takenTags = await inChunks(db, tenantId, tags, async (trx, chunk) => {
    await sql`select set_config('app.import_id', ${ownImport}, true)`.execute(trx);
    const { rows } = await sql<{
      tag: string;
    }>`select tag from app_assets_with_tags(${chunk}::text[])`.execute(trx);
    return rows;
  });
  const takenSerials = await inChunks(db, tenantId, serials, async (trx, chunk) => {
    await sql`select set_config('app.import_id', ${ownImport}, true)`.execute(trx);
    const { rows } = await sql<{
      tag: string;
      serial: string | null;
    }>`select tag, serial from app_assets_with_serials(${chunk}::text[])`.execute(trx);
    return rows;
  });

  const lookups: ImportLookups = {
    categories: new Map(
      categories.map((row) => [
        row.normalized_name,
        { id: row.id, name: row.name, archived: row.archived_at !== null },
      ]),
    ),
    statuses: new Map(),
    defaultStatus: {},
    locations,
    models: new Map(),
    employees: new Map(),
    customFields: new Map(),
    existingTags: new Set(takenTags.map((row) => row.tag.toLowerCase())),
    existingSerials: new Map(takenSerials.map((row) => [(row.serial ?? "").toLowerCase(), row.tag])),
  };
  for (const row of statuses) {
    const status = {
      id: row.id,
      name: row.label,
      kind: row.kind as StatusKind,
      archived: row.archived_at !== null,
    };
    lookups.statuses.set(row.label.toLowerCase(), status);
    if (!status.archived) lookups.defaultStatus[status.kind] ??= status;
  }
  for (const row of models) {
    push(lookups.models, row.name.toLowerCase(), {
      id: row.id,
      name: row.name,
      categoryId: row.category_id,
      archived: row.archived_at !== null || row.maker_archived_at !== null,
    });
  }
  for (const row of employees) {
    const employee = { id: row.id, name: row.display_name ?? "", terminated: row.status === "terminated" };
    if (row.work_email) lookups.employees.set(row.work_email.toLowerCase(), employee);
    if (row.employee_number) lookups.employees.set(row.employee_number.toLowerCase(), employee);
  }
  for (const row of fields) {
    push(lookups.customFields, row.category_id, {
      key: row.key,
      label: row.label,
      type: row.type,
      required: row.required,
      options: row.options,
    } as CustomFieldDefinition);
  }
  return lookups;
}

/**
 * The tenant's locations by every key a file may name them by (locationLookupKeys: name, code,
 * paths), for any import; a name can belong to several locations, a path to one.
 */
export async function locationsByKey(trx: Executor, tenantId: string) {
  const rows = await trx
    .selectFrom("locations")
    .select(["id", "name", "code", "parent_id", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .execute();
  const byKey = new Map<string, Array<{ id: string; name: string; archived: boolean }>>();
  const pathOf = locationPaths(rows);
  for (const row of rows) {
    const location = { id: row.id, name: row.name, archived: row.archived_at !== null };
    for (const key of locationLookupKeys(pathOf(row.id), row.code)) push(byKey, key, location);
  }
  return byKey;
}

/** Each location's names from the top of the tree down to itself, by id (memoized, cycle-safe). */
function locationPaths(rows: ReadonlyArray<{ id: string; name: string; parent_id: string | null }>) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const paths = new Map<string, string[]>();
  const pathOf = (id: string, seen = new Set<string>()): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const row = byId.get(id);
    if (!row || seen.has(id)) return [];
    seen.add(id);
    const path = [...(row.parent_id ? pathOf(row.parent_id, seen) : []), row.name];
    paths.set(id, path);
    return path;
  };
  return (id: string) => pathOf(id);
}
