import { sql } from "kysely";
import { categories } from "../db/demo/catalog";
import { firstNames, lastNames } from "../db/demo/people";
import { defaultStatuses } from "../server/assets/lifecycle";
import { type Db, type Trx, withPlatform } from "../server/db";

export type TenantSize = { assets: number; employees: number; locations: number };

export type BenchTenant = {
  id: string;
  assets: number;
  transactions: number;
  categoryIds: string[];
  locationIds: string[];
};

/** One asset in a hundred has a long history (260 entries), the others 7 or 8: ~10 per asset. */
const LONG_HISTORY_EVERY = 100;
const LONG_HISTORY = 260;
/** Five years of purchases; tags and created_at grow together, as they do when assets are added over time. */
const SPAN_DAYS = 1825;

/**
 * Status mix per mille of assets: mostly assigned or in stock, as in a company's inventory.
 * Keyed by kind; each kind is the tenant's default status of that kind.
 */
const statusMix: Array<[string, number]> = [
  ["assigned", 550],
  ["in_stock", 800],
  ["in_repair", 830],
  ["on_order", 860],
  ["lost", 870],
  ["stolen", 880],
  ["retired", 970],
  ["disposed", 1000],
];

async function insertReferenceData(trx: Trx, tenantId: string, size: TenantSize) {
  await trx
    .insertInto("statuses")
    .values(defaultStatuses.map((status) => ({ tenant_id: tenantId, ...status, is_default: true })))
    .execute();
  const categoryRows = await trx
    .insertInto("categories")
    .values(
      categories.map((category) => ({
        tenant_id: tenantId,
        name: category.name,
        normalized_name: category.name.toLowerCase(),
        depreciation_months: category.depreciationMonths,
      })),
    )
    .returning(["id", "name"])
    .execute();
  const categoryId = new Map(categoryRows.map((row) => [row.name, row.id]));
  const makers = [...new Set(categories.flatMap((category) => category.models.map((m) => m.manufacturer)))];
  const makerRows = await trx
    .insertInto("manufacturers")
    .values(makers.map((name) => ({ tenant_id: tenantId, name, normalized_name: name.toLowerCase() })))
    .returning(["id", "name"])
    .execute();
  const makerId = new Map(makerRows.map((row) => [row.name, row.id]));
  await trx
    .insertInto("asset_models")
    .values(
      categories.flatMap((category) =>
        category.models.map((model) => ({
          tenant_id: tenantId,
          manufacturer_id: makerId.get(model.manufacturer) ?? "",
          category_id: categoryId.get(category.name) ?? null,
          name: model.name,
          model_number: model.modelNumber,
        })),
      ),
    )
    .execute();
  await trx
    .insertInto("departments")
    .values(
      [
        "Engineering",
        "Sales",
        "Marketing",
        "Finance",
        "Operations",
        "IT",
        "HR",
        "Legal",
        "Support",
        "Design",
      ].map((name) => ({ tenant_id: tenantId, name, normalized_name: name.toLowerCase() })),
    )
    .execute();
  const locationRows = await trx
    .insertInto("locations")
    .values(
      Array.from({ length: size.locations }, (_, i) => ({
        tenant_id: tenantId,
        name: i % 10 === 0 ? `Site ${i / 10 + 1}` : `Room ${100 + i}`,
        kind: i % 10 === 0 ? "site" : "room",
      })),
    )
    .returning("id")
    .execute();
  return { categoryIds: categoryRows.map((row) => row.id), locationIds: locationRows.map((row) => row.id) };
}

/** Employees with names from the demo's roster, spread over departments and locations. */
async function insertEmployees(trx: Trx, tenantId: string, count: number) {
  await sql`
    with first_names as (select string_to_array(${firstNames.join(" ")}, ' ') as names),
         last_names as (select string_to_array(${lastNames.join(" ")}, ' ') as names),
         d as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total
                 from departments where tenant_id = ${tenantId}),
         l as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total
                 from locations where tenant_id = ${tenantId})
    insert into employees (tenant_id, employee_number, first_name, last_name, work_email, department_id,
                           location_id, hire_date, status)
    select ${tenantId}::uuid, 'E' || g, f.names[1 + (g * 7) % array_length(f.names, 1)],
           s.names[1 + (g * 13 + g / 80) % array_length(s.names, 1)], 'e' || g || '@bench.test', d.id, l.id,
           current_date - (g % 3000), case when g % 40 = 0 then 'terminated' else 'active' end
      from generate_series(1, ${count}::int) g
     cross join first_names f cross join last_names s
      join d on d.n = g % d.total
      join l on l.n = (g * 3) % l.total`.execute(trx);
}

/**
 * Assets named after the demo catalog's models, with pseudo-random (but reproducible) status,
 * model, location and holder; tags and creation times grow together over five years.
 */
async function insertAssets(trx: Trx, tenantId: string, count: number, employees: number) {
  const mix = statusMix.map(([kind, upTo]) => sql`when r < ${upTo}::int then ${kind}`);
  await sql`
    with m as (select am.id, am.category_id, mf.name || ' ' || am.name as name,
                      row_number() over (order by am.name) - 1 as n, count(*) over () as total
                 from asset_models am join manufacturers mf on mf.id = am.manufacturer_id
                where am.tenant_id = ${tenantId}),
         l as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total
                 from locations where tenant_id = ${tenantId}),
         s as (select id, kind from statuses where tenant_id = ${tenantId}),
         g as (select g, (g::bigint * 2654435761 % 4294967296) % 1000 as r,
                      now() - make_interval(secs => ${SPAN_DAYS * 86_400}::float8 * (${count}::int - g) / ${count}::int) as created
                 from generate_series(1, ${count}::int) g)
    insert into assets (tenant_id, tag, name, serial, category_id, model_id, status_id, location_id, employee_id,
                        purchase_date, cost, warranty_end, created_at, updated_at)
    select ${tenantId}::uuid, 'AST-' || lpad(g.g::text, 6, '0'), m.name,
           upper(substr(md5(${tenantId}::text || g.g::text), 1, 10)), m.category_id, m.id, s.id, l.id,
           e.id,
           g.created::date, 100 + (g.r * 7) % 2900, (g.created + interval '3 years')::date, g.created, g.created
      from g
      join m on m.n = (g.g * 31 + g.r) % m.total
      join s on s.kind = (case ${sql.join(mix, sql` `)} end)
      join l on l.n = (g.g * 17 + g.r) % l.total
      -- the holder by employee number (employees_number_key), not by a computed join the planner
      -- can only run as a nested loop
      left join employees e on e.tenant_id = ${tenantId} and s.kind = 'assigned'
                           and e.employee_number = 'E' || (1 + (g.g * 7919) % ${employees}::int)`.execute(
    trx,
  );
}

/** A purchase then alternating assignments, returns, audits and maintenance, up to now. */
async function insertTransactions(trx: Trx, tenantId: string, employees: number) {
  await sql`
    with assigned as (select id from statuses where tenant_id = ${tenantId} and kind = 'assigned'),
         in_stock as (select id from statuses where tenant_id = ${tenantId} and kind = 'in_stock'),
         a as (select id, location_id, created_at, split_part(tag, '-', 2)::int as g
                 from assets where tenant_id = ${tenantId}),
         t as (select a.*, j, case when a.g % ${LONG_HISTORY_EVERY}::int = 0 then ${LONG_HISTORY}::int
                                   else 7 + a.g % 2 end as k
                 from a cross join lateral generate_series(0, case when a.g % ${LONG_HISTORY_EVERY}::int = 0
                                                                  then ${LONG_HISTORY}::int else 7 + a.g % 2 end - 1) j)
    insert into asset_transactions (tenant_id, asset_id, type, from_status_id, to_status_id, to_employee_id,
                                    to_location_id, actor_label, occurred_at)
    select ${tenantId}::uuid, t.id,
           case when t.j = 0 then 'purchase'
                else (array['assignment', 'return', 'audit', 'maintenance', 'assignment', 'return'])[1 + t.j % 6] end,
           case when t.j % 2 = 1 then ist.id else asg.id end,
           case when t.j % 2 = 1 then asg.id else ist.id end,
           case when t.j % 2 = 1 then e.id end,
           t.location_id, 'Bench', t.created_at + (now() - t.created_at) * (t.j::float8 / t.k)
      from t cross join assigned asg cross join in_stock ist
      left join employees e on e.tenant_id = ${tenantId} and t.j % 2 = 1
                           and e.employee_number = 'E' || (1 + (t.g * 7 + t.j * 13) % ${employees}::int)`.execute(
    trx,
  );
}

/**
 * Creates one tenant of the given size, generated in the database with generate_series (a few
 * statements, not a row at a time), and returns what the benchmark samples parameters from.
 */
export async function createBenchTenant(db: Db, name: string, size: TenantSize): Promise<BenchTenant> {
  return withPlatform(db, async (trx) => {
    const tenant = await trx
      .insertInto("tenants")
      .values({ name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-") })
      .returning("id")
      .executeTakeFirstOrThrow();
    const reference = await insertReferenceData(trx, tenant.id, size);
    await insertEmployees(trx, tenant.id, size.employees);
    await insertAssets(trx, tenant.id, size.assets, size.employees);
    await insertTransactions(trx, tenant.id, size.employees);
    const { count } = await trx
      .selectFrom("asset_transactions")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenant.id)
      .executeTakeFirstOrThrow();
    return { id: tenant.id, assets: size.assets, transactions: Number(count), ...reference };
  });
}
