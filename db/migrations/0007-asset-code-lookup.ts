import { APP_ROLE, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Exact lookup of an asset by tag or serial, any case: a physical audit's scan, and the check that
 * a serial is not already taken when an asset is created or edited. `lower(tag) = …` on assets
 * cannot use assets_tag_key / assets_serial_key for the app role (lower() is not leakproof, so
 * under row-level security it is applied row by row after the policy: every scan read all of the
 * tenant's assets). The lowered keys already live in asset_search (0005); this is their exact-match
 * door, scoped to the current tenant like the others.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // Served by asset_search_tag_idx and asset_search_serial_idx (0005): equality is in their
    // text_pattern_ops operator class. `code` must already be lower-cased.
    `create function app_assets_with_code(code text) returns table (asset_id uuid, matched text)
       language sql stable security definer set search_path = pg_catalog, public rows 2 as $$
       select s.asset_id, 'tag' from asset_search s where s.tenant_id = app_current_tenant() and s.tag_key = code
       union all
       select s.asset_id, 'serial' from asset_search s
        where s.tenant_id = app_current_tenant() and s.serial_key = code
     $$`,
    `revoke all on function app_assets_with_code(text) from public`,
    `grant execute on function app_assets_with_code(text) to ${APP_ROLE}`,
  ]);
}
