import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * The endpoint agent (issue 16):
 * - `agent_enrollment_tokens`: what an admin hands to an install script; only its SHA-256 is kept,
 *   with a short prefix to recognize it in the list. Revoked or expired, it enrolls nothing more.
 * - `agent_devices`: one enrolled device: its credential (SHA-256), the facts it last reported
 *   (hardware, OS, interfaces) with their hash, so an unchanged check-in is recognized by comparing
 *   one column, and the asset it is linked to (or pending review / ignored). The rate-limit bucket
 *   lives on the row, so every replica enforces the same limit.
 * - `asset_software`: what a linked device runs, per asset, with a sortable version key so "Zoom
 *   below 6.0" is an index range scan.
 * - Tenant settings: what an unknown device becomes, and after how many days a device is stale.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table tenants
       add column agent_unknown_devices text not null default 'review'
         check (agent_unknown_devices in ('review', 'create_in_stock')),
       add column agent_stale_days integer not null default 14 check (agent_stale_days between 1 and 365)`,

    // an asset's history records what its agent reported changing
    `alter table asset_transactions drop constraint asset_transactions_type_check`,
    `alter table asset_transactions add constraint asset_transactions_type_check check (type in ('purchase',
       'assignment', 'return', 'transfer', 'status_change', 'repair_start', 'repair_complete', 'retire', 'lost',
       'stolen', 'maintenance', 'audit', 'hardware_change'))`,

    `create table agent_enrollment_tokens (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       token_hash text not null,
       token_prefix text not null,
       expires_at timestamptz not null,
       revoked_at timestamptz,
       created_by uuid references users(id) on delete set null,
       uses integer not null default 0,
       last_used_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // enrollment finds the token by the hash of what the device sends, before it knows its tenant
    `create unique index agent_enrollment_tokens_hash_key on agent_enrollment_tokens (token_hash)`,
    // the Settings -> Agent list, newest first
    `create index agent_enrollment_tokens_tenant_idx on agent_enrollment_tokens (tenant_id, created_at desc)`,

    `create table agent_devices (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       enrollment_token_id uuid references agent_enrollment_tokens(id) on delete set null,
       asset_id uuid references assets(id) on delete set null,
       status text not null default 'pending_review' check (status in ('pending_review', 'linked', 'ignored')),
       hostname text not null,
       serial text,
       macs text[] not null default '{}',
       os text,
       agent_version text,
       credential_hash text not null,
       credential_rotated_at timestamptz,
       revoked_at timestamptz,
       first_seen_at timestamptz not null default now(),
       last_seen_at timestamptz,
       last_ip text,
       last_user text,
       facts jsonb not null default '{}',
       facts_hash text,
       software_hash text,
       software_count integer not null default 0,
       -- the software of a device not linked to an asset yet (moved to asset_software on linking)
       pending_software jsonb,
       rate_tokens real not null default 3,
       rate_at timestamptz not null default now(),
       created_at timestamptz not null default now()
     )`,
    // every check-in finds its device by the hash of the bearer credential
    `create unique index agent_devices_credential_key on agent_devices (credential_hash)`,
    // one active device per asset: a re-enrolled machine replaces the old device
    `create unique index agent_devices_asset_key on agent_devices (tenant_id, asset_id)
       where asset_id is not null and revoked_at is null`,
    // the review queue and the devices list by status, most recently seen first
    `create index agent_devices_status_idx on agent_devices (tenant_id, status, last_seen_at desc)`,
    // matching a new device by MAC to a device already linked
    `create index agent_devices_macs_idx on agent_devices using gin (macs)`,
    // matching by hostname
    `create index agent_devices_hostname_idx on agent_devices (tenant_id, lower(hostname))`,

    `create table asset_software (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       asset_id uuid not null references assets(id) on delete cascade,
       name text not null,
       version text not null default '',
       version_key text not null default '',
       publisher text,
       source text not null,
       first_seen_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // one row per package and source on an asset (the software diff upserts on it)
    `create unique index asset_software_asset_key on asset_software (tenant_id, asset_id, name, source)`,
    // "name starts with zoom and version below 6.0": a prefix range on lower(name), then the
    // sortable version key (server/agent/version-key.ts), both in one btree
    `create index asset_software_search_idx on asset_software
       (tenant_id, lower(name) text_pattern_ops, version_key)`,

    // Enrollment and check-in arrive without a tenant: these find the tenant (and device) of a
    // token by its hash, as the owner with platform access, and nothing else.
    `create function app_agent_enrollment_token(hash text)
       returns table (tenant_id uuid, token_id uuid, usable boolean)
       language sql stable security definer set search_path = pg_catalog, public set app.platform = 'on' as $$
       select t.tenant_id, t.id, t.revoked_at is null and t.expires_at > now()
         from agent_enrollment_tokens t where t.token_hash = hash
     $$`,
    `create function app_agent_device(hash text) returns table (tenant_id uuid, device_id uuid)
       language sql stable security definer set search_path = pg_catalog, public set app.platform = 'on' as $$
       select d.tenant_id, d.id from agent_devices d where d.credential_hash = hash and d.revoked_at is null
     $$`,
  ]);
  const tables = ["agent_enrollment_tokens", "agent_devices", "asset_software"];
  await enableTenantRls(db, tables);
  await runStatements(db, [
    `grant select, insert, update on agent_enrollment_tokens to ${APP_ROLE}`,
    `grant select, insert, update on agent_devices to ${APP_ROLE}`,
    `grant select, insert, update, delete on asset_software to ${APP_ROLE}`,
    `grant execute on function app_agent_enrollment_token(text) to ${APP_ROLE}`,
    `grant execute on function app_agent_device(text) to ${APP_ROLE}`,
  ]);
}
