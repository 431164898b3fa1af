import { APP_ROLE, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * The device credential's lookup answers what a check-in decides by (issue 16, write-behind
 * presence): besides the device and its tenant, its asset, its stored facts and software hashes
 * (whether the check-in changed anything) and its presence row's rate-limit bucket (whether it may
 * check in now). A check-in that changes nothing is then answered from this one indexed read and
 * the process's own state, and its presence is written later, with those of other check-ins
 * (server/agent/presence.ts). A revoked device still finds no row: its check-in is refused by
 * the lookup itself.
 *
 * The function's result columns change, so it is dropped and created again (a replace cannot).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `drop function app_agent_device(text)`,
    `create function app_agent_device(hash text) returns table (
       tenant_id uuid, device_id uuid, asset_id uuid, facts_hash text, software_hash text,
       rate_tokens real, rate_at timestamptz
     )
       language sql stable security definer set search_path = pg_catalog, public set app.platform = 'on' as $$
       select d.tenant_id, d.id, d.asset_id, d.facts_hash, d.software_hash, p.rate_tokens, p.rate_at
         from agent_devices d
         left join agent_device_presence p on p.device_id = d.id
        where d.credential_hash = hash and d.revoked_at is null
     $$`,
    `grant execute on function app_agent_device(text) to ${APP_ROLE}`,
  ]);
}
