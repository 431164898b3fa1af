import { sql } from "kysely";
import { APP_ROLE, enableTenantRls, type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * Foundation: tenants, accounts, invitations, sign-in attempts, first reference data
 * (departments, locations) and the immutable event log that doubles as the audit trail.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // The role every tenant request switches to with SET LOCAL ROLE. It owns nothing and is not
    // a superuser, so row-level security applies to it without exception.
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
         create role ${APP_ROLE} nologin;
       end if;
     exception when duplicate_object then null;
     end $$`,
    `grant ${APP_ROLE} to current_user`,
    `grant usage on schema public to ${APP_ROLE}`,

    // The tenant of the current transaction, set by withTenant() via set_config(..., true).
    `create or replace function app_current_tenant() returns uuid language sql stable as $$
       select nullif(current_setting('app.tenant_id', true), '')::uuid
     $$`,
    // Platform services (sign-in lookup, tenant administration) run as the connecting owner role
    // with app.platform = 'on'; the app role can never use this path, whatever it sets.
    `create or replace function app_platform_access() returns boolean language sql stable as $$
       select current_user <> '${APP_ROLE}' and coalesce(current_setting('app.platform', true), '') = 'on'
     $$`,
    `create or replace function app_touch_updated_at() returns trigger language plpgsql as $$
       begin new.updated_at := now(); return new; end
     $$`,

    `create table tenants (
       id uuid primary key default gen_random_uuid(),
       name text not null check (length(trim(name)) between 1 and 120),
       slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
       status text not null default 'active' check (status in ('active', 'suspended')),
       suspended_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,

    `create table users (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid references tenants(id) on delete cascade,
       email text not null check (email = lower(email) and email like '%_@_%'),
       name text not null check (length(trim(name)) between 1 and 120),
       password_hash text not null,
       role text not null check (role in ('super_admin', 'admin', 'it_staff', 'auditor', 'employee')),
       status text not null default 'active' check (status in ('active', 'deactivated')),
       last_sign_in_at timestamptz,
       deactivated_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       -- platform operators belong to no tenant; everybody else belongs to exactly one
       constraint users_tenant_matches_role check ((role = 'super_admin') = (tenant_id is null))
     )`,
    // sign-in looks a person up by email across tenants
    `create unique index users_email_key on users (email)`,
    // user list of a tenant, ordered by name
    `create index users_tenant_name_idx on users (tenant_id, name)`,

    `create table invitations (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       email text not null check (email = lower(email) and email like '%_@_%'),
       role text not null check (role in ('admin', 'it_staff', 'auditor', 'employee')),
       token_hash text not null,
       invited_by uuid references users(id) on delete set null,
       expires_at timestamptz not null,
       accepted_at timestamptz,
       revoked_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // accepting an invitation finds it by the hash of the token in the link
    `create unique index invitations_token_hash_key on invitations (token_hash)`,
    // pending invitations list of a tenant
    `create index invitations_tenant_created_idx on invitations (tenant_id, created_at desc)`,

    // Platform table: failed and successful sign-ins, for rate limiting per account and per IP.
    `create table sign_in_attempts (
       id bigint generated always as identity primary key,
       email text not null,
       ip text not null,
       success boolean not null,
       reason text,
       created_at timestamptz not null default now()
     )`,
    // rate limit: recent failures for one account
    `create index sign_in_attempts_email_idx on sign_in_attempts (email, created_at desc)`,
    // rate limit: recent failures from one address
    `create index sign_in_attempts_ip_idx on sign_in_attempts (ip, created_at desc)`,

    `create table departments (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       normalized_name text not null,
       archived_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // duplicate detection: one department per normalized name in a tenant
    `create unique index departments_tenant_normalized_key on departments (tenant_id, normalized_name)`,

    `create table locations (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       parent_id uuid references locations(id) on delete restrict,
       name text not null check (length(trim(name)) between 1 and 120),
       kind text not null check (kind in ('site', 'building', 'floor', 'room')),
       archived_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // children of a location (tree rendering, refusing to delete a non-empty node)
    `create index locations_tenant_parent_idx on locations (tenant_id, parent_id)`,

    // The event log: outbox for automation and the audit trail. Rows are immutable (see trigger).
    `create table events (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null,
       seq bigint not null,
       name text not null,
       actor_type text not null check (actor_type in ('user', 'system', 'integration', 'agent')),
       actor_id text,
       actor_label text,
       entity_type text not null,
       entity_id text not null,
       data jsonb not null,
       occurred_at timestamptz not null default now(),
       prev_hash text not null,
       hash text not null,
       constraint events_tenant_seq_key unique (tenant_id, seq)
     )`,
    // timeline of one entity, newest first
    `create index events_entity_idx on events (tenant_id, entity_type, entity_id, seq desc)`,
    // audit log filtered by event type
    `create index events_name_idx on events (tenant_id, name, seq desc)`,
    // audit log filtered by actor
    `create index events_actor_idx on events (tenant_id, actor_id, seq desc)`,
    // audit log filtered by date range
    `create index events_occurred_idx on events (tenant_id, occurred_at desc)`,
    `create function app_events_immutable() returns trigger language plpgsql as $$
       begin
         raise exception 'events are immutable: % is not allowed on the audit trail', tg_op
           using errcode = 'insufficient_privilege';
       end
     $$`,
    `create trigger events_immutable before update or delete on events
       for each row execute function app_events_immutable()`,
    `create trigger events_no_truncate before truncate on events
       for each statement execute function app_events_immutable()`,

    // Head of each tenant's hash chain; locking it orders that tenant's events.
    `create table event_chain_heads (
       tenant_id uuid primary key,
       seq bigint not null,
       hash text not null
     )`,

    // Outbox delivery state, kept apart from the immutable event rows.
    `create table event_deliveries (
       event_id uuid primary key references events(id),
       tenant_id uuid not null,
       status text not null default 'pending' check (status in ('pending', 'delivered')),
       attempts integer not null default 0,
       next_attempt_at timestamptz not null default now(),
       last_error text,
       delivered_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // the relay picks due, undelivered events oldest first
    `create index event_deliveries_pending_idx on event_deliveries (next_attempt_at) where status = 'pending'`,
  ]);

  for (const table of ["users", "departments", "locations", "tenants"]) {
    await sql
      .raw(`create trigger ${table}_updated_at before update on ${table}
        for each row execute function app_touch_updated_at()`)
      .execute(db);
  }

  await enableTenantRls(db, [
    "users",
    "invitations",
    "departments",
    "locations",
    "events",
    "event_deliveries",
    "event_chain_heads",
  ]);
  // A tenant sees and edits its own tenant row only.
  await runStatements(db, [
    `alter table tenants enable row level security`,
    `alter table tenants force row level security`,
    `create policy tenant_isolation on tenants to ${APP_ROLE}
       using (id = app_current_tenant()) with check (id = app_current_tenant())`,
    ...platformPolicy("tenants"),
    `grant select, update on tenants to ${APP_ROLE}`,
    `grant select, insert, update, delete on users, invitations, departments, locations to ${APP_ROLE}`,
    `grant select, insert, update on event_chain_heads, event_deliveries to ${APP_ROLE}`,
    // the audit trail can be appended to, never changed
    `grant select, insert on events to ${APP_ROLE}`,
    // sign_in_attempts is a platform table: no grant, and RLS with no app-role policy.
    `alter table sign_in_attempts enable row level security`,
    `alter table sign_in_attempts force row level security`,
    ...platformPolicy("sign_in_attempts"),
  ]);
}
