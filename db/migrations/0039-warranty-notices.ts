import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * What the daily warranty check already told IT staff (issue 14): one row per asset, warranty end
 * and threshold (30, then 7 days), written in the transaction that emits the notice, so a run
 * retried or repeated the same day tells no one twice, and a warranty extended to a later date is
 * told again when that one nears. A row goes with its asset.
 * - The cross-tenant check ranges over warranty ends of every tenant; the assets' warranty index
 *   leads with the tenant, so a partial index on the end date alone serves that range.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table warranty_notices (
       tenant_id uuid not null references tenants(id) on delete cascade,
       asset_id uuid not null references assets(id) on delete cascade,
       warranty_end date not null,
       threshold_days integer not null check (threshold_days in (30, 7)),
       noticed_at timestamptz not null default now(),
       primary key (tenant_id, asset_id, warranty_end, threshold_days)
     )`,
    `create index assets_warranty_end_idx on assets (warranty_end) where warranty_end is not null`,
  ]);
  await enableTenantRls(db, ["warranty_notices"]);
  await runStatements(db, [`grant select, insert, delete on warranty_notices to ${APP_ROLE}`]);
}
