import { type RawBuilder, sql } from "kysely";
import type { z } from "zod";
import type { StatusKind } from "../server/assets/lifecycle";
import type { AssetListInput } from "../server/assets/list/schemas";
import type { Db } from "../server/db";

/**
 * The ceilings of the assets benchmark: what the same page costs as plain SQL on the owner's
 * connection (no tenant transaction, no RLS, no security-definer functions), written apart from
 * the app's queries so that a slower app query never moves its own ceiling.
 */

export type ParsedListInput = z.output<typeof AssetListInput>;

/** The list's sort keys, as the app sorts (server/assets/list/queries.ts). */
const sortKeys = {
  created: sql`a.created_at`,
  tag: sql`lower(a.tag)`,
  name: sql`lower(a.name)`,
  warranty_end: sql`a.warranty_end`,
  purchase_date: sql`a.purchase_date`,
} as const;

const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Status ids of each kind, read once: the ceiling compares with constants without paying for the lookup. */
export async function statusIdsByKind(db: Db, tenantId: string): Promise<Map<StatusKind, string[]>> {
  const rows = await db
    .selectFrom("statuses")
    .select(["id", "kind"])
    .where("tenant_id", "=", tenantId)
    .execute();
  const byKind = new Map<StatusKind, string[]>();
  for (const row of rows)
    byKind.set(row.kind as StatusKind, [...(byKind.get(row.kind as StatusKind) ?? []), row.id]);
  return byKind;
}

/** The search read straight from asset_search / employee_search, as an owner may. */
function searched(tenantId: string, q: string): RawBuilder<unknown> {
  if (q.length < 3)
    return sql`select asset_id from asset_search where tenant_id = ${tenantId} and tag_key ^@ ${q}
               union
               select asset_id from asset_search where tenant_id = ${tenantId} and serial_key ^@ ${q}`;
  const pattern = containsPattern(q);
  return sql`select asset_id from asset_search where tenant_id = ${tenantId} and terms like ${pattern}
             union
             select id from assets where tenant_id = ${tenantId}
                and employee_id in (select employee_id from employee_search
                                     where tenant_id = ${tenantId} and terms like ${pattern})`;
}

/** The status ids the filters allow (kinds resolved from the map), or undefined for any status. */
function allowedStatusIds(input: ParsedListInput, byKind: Map<StatusKind, string[]>) {
  if (!input.kinds?.length) return input.statusIds?.length ? input.statusIds : undefined;
  const ofKinds = input.kinds.flatMap((kind) => byKind.get(kind) ?? []);
  return input.statusIds?.length ? ofKinds.filter((id) => input.statusIds?.includes(id)) : ofKinds;
}

function conditionsOf(tenantId: string, input: ParsedListInput, byKind: Map<StatusKind, string[]>) {
  const conditions = [sql`a.tenant_id = ${tenantId}`];
  const statusIds = allowedStatusIds(input, byKind);
  if (statusIds) conditions.push(sql`a.status_id in (${sql.join(statusIds.length ? statusIds : [null])})`);
  if (input.categoryIds?.length) conditions.push(sql`a.category_id in (${sql.join(input.categoryIds)})`);
  if (input.locationId) conditions.push(sql`a.location_id = ${input.locationId}`);
  if (input.employeeId) conditions.push(sql`a.employee_id = ${input.employeeId}`);
  if (input.warrantyExpiringDays)
    conditions.push(
      sql`a.warranty_end between current_date and current_date + ${input.warrantyExpiringDays}::int`,
    );
  if (input.q) conditions.push(sql`a.id in (${searched(tenantId, input.q.toLowerCase())})`);
  return sql.join(conditions, sql` and `);
}

/**
 * The ceiling of a list page: the same filters, search, sort, offset and rows with the names the
 * page shows, in one statement (the page's ids from assets alone, then their joins), without the
 * capped total the app also counts. Returns the page's asset ids.
 */
export async function listPageCeiling(
  db: Db,
  tenantId: string,
  input: ParsedListInput,
  byKind: Map<StatusKind, string[]>,
): Promise<string[]> {
  const key = sortKeys[input.sort];
  const dir = sql.raw(input.dir);
  const { rows } = await sql<{ id: string }>`
    select a.id, a.tag, a.name, a.serial, a.warranty_end, a.purchase_date, a.cost, a.created_at,
           s.label as status_label, s.kind as status_kind, s.color as status_color,
           c.name as category_name, m.name as model_name, l.name as location_name,
           e.id as employee_id, e.display_name as employee_name
      from (select a.id from assets a where ${conditionsOf(tenantId, input, byKind)}
             order by ${key} ${dir}, a.id ${dir}
             limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}) p
      join assets a on a.id = p.id
      join statuses s on s.id = a.status_id
      join categories c on c.id = a.category_id
      left join asset_models m on m.id = a.model_id
      left join locations l on l.id = a.location_id
      left join employees e on e.id = a.employee_id
     order by ${key} ${dir}, a.id ${dir}`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * The ceiling of the asset page: the asset with the names it shows, its category's custom
 * fields and its 200 latest history entries with theirs. Returns the history's ids.
 */
export async function assetPageCeiling(db: Db, tenantId: string, assetId: string): Promise<string[]> {
  const { rows } = await sql<{ category_id: string }>`
    select a.*, s.label as status_label, s.kind as status_kind, s.color as status_color,
           c.name as category_name, c.depreciation_months, m.name as model_name,
           mf.name as manufacturer_name, l.name as location_name,
           e.display_name as employee_name, e.work_email as employee_email
      from assets a
      join statuses s on s.id = a.status_id
      join categories c on c.id = a.category_id
      left join asset_models m on m.id = a.model_id
      left join manufacturers mf on mf.id = m.manufacturer_id
      left join locations l on l.id = a.location_id
      left join employees e on e.id = a.employee_id
     where a.tenant_id = ${tenantId} and a.id = ${assetId}`.execute(db);
  const asset = rows[0];
  if (!asset) throw new Error(`asset ${assetId} is not in the benchmark's tenant`);
  await sql`
    select key, label, type, required, options from custom_field_definitions
     where tenant_id = ${tenantId} and category_id = ${asset.category_id} and archived_at is null
     order by position`.execute(db);
  const history = await sql<{ id: string }>`
    select t.id, t.type, t.condition, t.notes, t.actor_label, t.occurred_at, t.data,
           fs.label as from_status, ts.label as to_status,
           fe.display_name as from_employee, te.display_name as to_employee,
           fl.name as from_location, tl.name as to_location
      from asset_transactions t
      left join statuses fs on fs.id = t.from_status_id
      left join statuses ts on ts.id = t.to_status_id
      left join employees fe on fe.id = t.from_employee_id
      left join employees te on te.id = t.to_employee_id
      left join locations fl on fl.id = t.from_location_id
      left join locations tl on tl.id = t.to_location_id
     where t.tenant_id = ${tenantId} and t.asset_id = ${assetId}
     order by t.occurred_at desc
     limit 200`.execute(db);
  return history.rows.map((row) => row.id);
}
