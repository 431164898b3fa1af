import { APP_ROLE, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * CSV imports that no tenant can use to stall the others (issue 7). With the embedded database
 * there is one connection, so no import may hold a transaction for long:
 *
 * - The dry run runs in the background (status "validating", with progress) instead of inside the
 *   request's transaction; a newer dry run of the same import supersedes an older one by
 *   `validation_generation`.
 * - Problems are bounded in the import's row: the first ones (for the page), their count and a
 *   count per code. Every problem goes to the report, written as it is found in chunks of CSV
 *   (asset_import_reports), which the download streams back in order.
 * - An "all or nothing" import writes its assets in short batches, hidden from everyone but the
 *   import itself (`assets.import_pending_id`, enforced by the row-level security policy) so their
 *   tags and serials are taken at once; once every row is in, it publishes them batch by batch with
 *   their history entries and events. A cancel or a failure before publishing deletes the hidden
 *   rows, so nothing of the import remains.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table asset_imports drop constraint asset_imports_status_check`,
    `alter table asset_imports add constraint asset_imports_status_check
       check (status in ('uploaded', 'validating', 'validated', 'importing', 'completed', 'failed', 'cancelled'))`,
    `alter table asset_imports
       add column validation_generation integer not null default 0,
       add column problem_count integer not null default 0,
       add column problems_by_code jsonb not null default '{}',
       add column rejected_lines integer[] not null default '{}',
       add column publishing boolean not null default false`,
    // Imports recorded before: counts from their full problem lists, which are then cut to the
    // page's share once their report below holds all of them.
    `update asset_imports set
       problem_count = jsonb_array_length(problems),
       problems_by_code = coalesce((select jsonb_object_agg(code, n) from (
         select p->>'code' as code, count(*) as n from jsonb_array_elements(problems) p group by 1) c), '{}')`,

    `create table asset_import_reports (
       tenant_id uuid not null references tenants(id) on delete cascade,
       import_id uuid not null references asset_imports(id) on delete cascade,
       -- the dry run (or import) that wrote it: asset_imports.validation_generation
       generation integer not null,
       seq integer not null,
       content text not null,
       primary key (tenant_id, import_id, generation, seq)
     )`,
    `alter table asset_import_reports enable row level security`,
    `alter table asset_import_reports force row level security`,
    `create policy tenant_isolation on asset_import_reports to ${APP_ROLE}
       using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())`,
    `do $$ begin
       execute format('create policy platform_access on asset_import_reports to %I using (app_platform_access()) with check (app_platform_access())', current_user);
     end $$`,
    `grant select, insert, delete on asset_import_reports to ${APP_ROLE}`,
    // The earlier imports' problems as one chunk each, quoted as server/audit/csv.ts does.
    `create function pg_temp.csv_cell(v text) returns text language sql immutable as $$
       select case when v is null then '' else (
         select case when x ~ '[",\\r\\n]' then '"' || replace(x, '"', '""') || '"' else x end
           from (select case when v ~ '^[=+\\-@\\t\\r]' then '''' || v else v end) t(x)) end
     $$`,
    `insert into asset_import_reports (tenant_id, import_id, generation, seq, content)
     select i.tenant_id, i.id, 0, 1, string_agg(
       concat_ws(',', p->>'line', pg_temp.csv_cell(p->>'column'), pg_temp.csv_cell(p->>'value'),
                 pg_temp.csv_cell(p->>'message'), pg_temp.csv_cell(p->>'code')) || E'\\r\\n', '' order by n)
       from asset_imports i cross join lateral jsonb_array_elements(i.problems) with ordinality as e(p, n)
      group by i.tenant_id, i.id`,
    `drop function pg_temp.csv_cell(text)`,
    `update asset_imports set problems = (
       select coalesce(jsonb_agg(p order by n), '[]') from jsonb_array_elements(problems) with ordinality as e(p, n)
        where n <= 1000)
      where jsonb_array_length(problems) > 1000`,

    `alter table assets add column import_pending_id uuid`,
    `create index assets_import_pending_idx on assets (tenant_id, import_pending_id) where import_pending_id is not null`,
    // The import whose hidden rows the current transaction may see (set by the import only).
    `create function app_current_import() returns uuid language sql stable as $$
       select nullif(current_setting('app.import_id', true), '')::uuid
     $$`,
    // Which of many tags / serials (lower case) are taken in the current tenant, through the
    // indexes of asset_search (see 0005 and 0007 for why not lower(tag) on assets): a 200,000-row
    // file is checked in a few index scans. Hidden rows of an import in progress count (their
    // tags and serials are taken), except those of the import asking (app.import_id).
    `create function app_assets_with_tags(keys text[]) returns table (tag text)
       language sql stable security definer set search_path = pg_catalog, public as $$
       select a.tag from asset_search s join assets a on a.id = s.asset_id
        where s.tenant_id = app_current_tenant() and s.tag_key = any(keys)
          and (a.import_pending_id is null or a.import_pending_id is distinct from app_current_import())
     $$`,
    `create function app_assets_with_serials(keys text[]) returns table (tag text, serial text)
       language sql stable security definer set search_path = pg_catalog, public as $$
       select a.tag, a.serial from asset_search s join assets a on a.id = s.asset_id
        where s.tenant_id = app_current_tenant() and s.serial_key = any(keys)
          and (a.import_pending_id is null or a.import_pending_id is distinct from app_current_import())
     $$`,
    `revoke all on function app_assets_with_tags(text[]), app_assets_with_serials(text[]) from public`,
    `grant execute on function app_assets_with_tags(text[]), app_assets_with_serials(text[]) to ${APP_ROLE}`,

    `drop policy tenant_isolation on assets`,
    `create policy tenant_isolation on assets to ${APP_ROLE}
       using (tenant_id = app_current_tenant() and (import_pending_id is null or import_pending_id = app_current_import()))
       with check (tenant_id = app_current_tenant())`,
  ]);
}
