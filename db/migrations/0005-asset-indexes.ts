import { APP_ROLE, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Asset list, search and sort at 100k assets per tenant (bench/assets.bench.ts, BENCHMARKS.md).
 *
 * Search: under row-level security PostgreSQL applies a query's own conditions after the policy's,
 * and only "leakproof" ones may become index conditions. LIKE and lower() are not leakproof, so
 * for the app role the trigram index on assets was never used (nor `lower(tag) = ...` on
 * assets_tag_key): every search read all of the tenant's assets, 80-230 ms at 100k. The search
 * terms therefore live in two tables without row-level security, kept in step by triggers, which
 * the app role cannot read; it reaches them only through security-definer functions that return
 * ids of the current tenant (app_current_tenant(), the value the policies use).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // list sorted by warranty end, either way (a partial index cannot order a list that includes
    // assets without a warranty); the warranty-expiring filter and the daily warranty job
    `create index assets_warranty_sort_idx on assets (tenant_id, warranty_end, id)`,
    `drop index assets_warranty_idx`,
    // list sorted by purchase date
    `create index assets_purchase_idx on assets (tenant_id, purchase_date, id)`,
    // replaced by asset_search_terms_idx: the app role could not use it (see above)
    `drop index assets_search_trgm_idx`,

    // lets a trigram index lead with tenant_id (trusted extension: the owner may create it)
    `create extension if not exists btree_gin`,

    `create table asset_search (
       asset_id uuid primary key references assets(id) on delete cascade,
       tenant_id uuid not null,
       -- exactly what the list searches: lower(tag || ' ' || coalesce(serial, '') || ' ' || name)
       terms text not null,
       tag_key text not null,
       serial_key text
     )`,
    // "contains" search of 3+ characters on tag, serial and name, within one tenant: without
    // tenant_id in the index every search would also fetch every other tenant's matches
    `create index asset_search_terms_idx on asset_search using gin (tenant_id, terms gin_trgm_ops)`,
    // 1-2 character search: tag or serial starting with it (too short for trigrams)
    `create index asset_search_tag_idx on asset_search (tenant_id, tag_key text_pattern_ops) include (asset_id)`,
    `create index asset_search_serial_idx on asset_search (tenant_id, serial_key text_pattern_ops) include (asset_id)
       where serial_key is not null`,

    `create table employee_search (
       employee_id uuid primary key references employees(id) on delete cascade,
       tenant_id uuid not null,
       -- lower(display_name)
       terms text not null
     )`,
    // the asset list's search by holder name
    `create index employee_search_terms_idx on employee_search using gin (tenant_id, terms gin_trgm_ops)`,

    // Statement-level, from the transition table: one insert per statement, however many rows
    // (imports, the demo seed). Security definer: the app role writes assets, not these tables.
    `create function app_sync_asset_search() returns trigger language plpgsql security definer
       set search_path = pg_catalog, public as $$
     begin
       insert into asset_search (asset_id, tenant_id, terms, tag_key, serial_key)
       select id, tenant_id, lower(tag || ' ' || coalesce(serial, '') || ' ' || name), lower(tag), lower(serial)
         from changed
       on conflict (asset_id) do update
         set terms = excluded.terms, tag_key = excluded.tag_key, serial_key = excluded.serial_key
         where (asset_search.terms, asset_search.tag_key, asset_search.serial_key)
           is distinct from (excluded.terms, excluded.tag_key, excluded.serial_key);
       return null;
     end $$`,
    `create trigger assets_search_inserted after insert on assets referencing new table as changed
       for each statement execute function app_sync_asset_search()`,
    `create trigger assets_search_updated after update on assets referencing new table as changed
       for each statement execute function app_sync_asset_search()`,
    `create function app_sync_employee_search() returns trigger language plpgsql security definer
       set search_path = pg_catalog, public as $$
     begin
       insert into employee_search (employee_id, tenant_id, terms)
       select id, tenant_id, lower(first_name || ' ' || last_name) from changed
       on conflict (employee_id) do update set terms = excluded.terms
         where employee_search.terms is distinct from excluded.terms;
       return null;
     end $$`,
    `create trigger employees_search_inserted after insert on employees referencing new table as changed
       for each statement execute function app_sync_employee_search()`,
    `create trigger employees_search_updated after update on employees referencing new table as changed
       for each statement execute function app_sync_employee_search()`,

    // The only way in for the app role: ids of the current tenant's matches, at most max_rows
    // (null: all). `pattern` is a LIKE pattern, already lower-cased and escaped by the caller.
    // Dynamic SQL, so each call is planned for its own pattern: "ast" (in every tag) is best read
    // straight through, "latitude" through the trigram index, and a prefix known only at run
    // time could not become an index range at all.
    `create function app_assets_matching(pattern text, max_rows integer) returns setof uuid language plpgsql
       stable security definer set search_path = pg_catalog, public rows 1000 as $$
     begin
       return query execute
         'select asset_id from asset_search where tenant_id = $1 and terms like $2 limit $3'
         using app_current_tenant(), pattern, max_rows;
     end $$`,
    `create function app_assets_with_code_prefix(prefix text, max_rows integer) returns setof uuid language plpgsql
       stable security definer set search_path = pg_catalog, public rows 1000 as $$
     begin
       return query execute
         'select asset_id from asset_search where tenant_id = $1 and tag_key ^@ $2
          union
          select asset_id from asset_search where tenant_id = $1 and serial_key ^@ $2
          limit $3'
         using app_current_tenant(), prefix, max_rows;
     end $$`,
    `create function app_employees_matching(pattern text) returns setof uuid language plpgsql
       stable security definer set search_path = pg_catalog, public rows 20 as $$
     begin
       return query execute 'select employee_id from employee_search where tenant_id = $1 and terms like $2'
         using app_current_tenant(), pattern;
     end $$`,
    ...[
      "app_assets_matching(text, integer)",
      "app_assets_with_code_prefix(text, integer)",
      "app_employees_matching(text)",
    ].flatMap((fn) => [
      `revoke all on function ${fn} from public`,
      `grant execute on function ${fn} to ${APP_ROLE}`,
    ]),
    `revoke all on asset_search, employee_search from public`,

    // Existing rows: the owner reads them through its platform policy.
    `select set_config('app.platform', 'on', true)`,
    `insert into asset_search (asset_id, tenant_id, terms, tag_key, serial_key)
     select id, tenant_id, lower(tag || ' ' || coalesce(serial, '') || ' ' || name), lower(tag), lower(serial)
       from assets`,
    `insert into employee_search (employee_id, tenant_id, terms)
     select id, tenant_id, lower(first_name || ' ' || last_name) from employees`,
    `select set_config('app.platform', '', true)`,
  ]);
}
