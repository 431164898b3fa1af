import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Devices not seen for the tenant's stale days, on the dashboard and in the asset list (issue 16).
 * Both ask "which of the tenant's active, linked devices last checked in before the cutoff"
 * (server/agent/stale.ts). The existing indexes answer it by reading every active device of the
 * tenant (by asset) or every linked one (by status); this partial index holds only active linked
 * devices ordered by their last check-in, so the answer is a range over the stale ones alone:
 * a handful of rows when most of a 100k fleet checks in daily.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create index agent_devices_stale_idx on agent_devices (tenant_id, last_seen_at, asset_id)
       where asset_id is not null and revoked_at is null`,
  ]);
}
