import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * What every check-in writes moves out of the wide device row (issue 16, agent p99).
 *
 * A check-in that changes nothing updated `agent_devices`: last seen, address, user and the
 * rate-limit bucket. `last_seen_at` was in two of that table's indexes (the status list and the
 * stale range of 0031), so every such update was a non-HOT update: a new version of a ~2 KB row
 * (facts jsonb) and a new entry in each of the table's six indexes, the GIN index on `macs` among
 * them, at every check-in of every device.
 *
 * - `agent_device_presence`: one narrow row per device that has checked in, written by every
 *   check-in (server/agent/queries.ts, writeDevicePresence). Its only index is the primary key, which
 *   no check-in changes, and its pages are kept half empty (fillfactor 50), so an update finds
 *   room on its page and stays HOT: no index entry, and the page's dead versions are pruned in
 *   place rather than left for vacuum. No index on `last_seen_at`: one there would make every
 *   update non-HOT again.
 * - `agent_devices.last_seen_day`: the start (UTC) of the day of the last check-in. It changes once
 *   a day per device, so the stale range (agent_devices_stale_idx) keeps its index on the wide
 *   table: a stale device's day is before the cutoff, so the range over the days finds the stale
 *   devices (and those last seen on the cutoff's own day), and their exact last seen decides.
 * - The status index loses its `last_seen_at` column: the review queue and the dashboard's count
 *   find pending devices by status; the order by last seen is a sort of those rows.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table agent_device_presence (
       device_id uuid primary key references agent_devices(id) on delete cascade,
       tenant_id uuid not null references tenants(id) on delete cascade,
       last_seen_at timestamptz not null,
       last_ip text,
       last_user text,
       rate_tokens real not null,
       rate_at timestamptz not null
     ) with (fillfactor = 50)`,
    `alter table agent_devices add column last_seen_day timestamptz`,
    // Existing rows: the owner reads and writes them through its platform policy.
    `select set_config('app.platform', 'on', true)`,
    `insert into agent_device_presence (device_id, tenant_id, last_seen_at, last_ip, last_user, rate_tokens, rate_at)
     select id, tenant_id, last_seen_at, last_ip, last_user, rate_tokens, rate_at
       from agent_devices where last_seen_at is not null`,
    `update agent_devices set last_seen_day = date_trunc('day', last_seen_at, 'UTC') where last_seen_at is not null`,
    `select set_config('app.platform', '', true)`,
    `drop index agent_devices_stale_idx`,
    `drop index agent_devices_status_idx`,
    `alter table agent_devices drop column last_seen_at, drop column last_ip, drop column last_user,
       drop column rate_tokens, drop column rate_at`,
    // the review queue and the dashboard's pending count
    `create index agent_devices_status_idx on agent_devices (tenant_id, status)`,
    // devices not seen since a cutoff (server/agent/stale.ts): a range over the days before it
    `create index agent_devices_stale_idx on agent_devices (tenant_id, last_seen_day, asset_id)
       where asset_id is not null and revoked_at is null`,
  ]);
  await enableTenantRls(db, ["agent_device_presence"]);
  await runStatements(db, [`grant select, insert, update on agent_device_presence to ${APP_ROLE}`]);
}
