import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Integrations (issue 15): HRIS connections and their syncs.
 * - `integrations`: one connection per row. Credentials are sealed (AES-256-GCM, key id in the
 *   envelope, bound to the tenant and the integration id: server/integrations/credentials.ts);
 *   `credential_hints` keeps what may be shown again ("••••3f9a"). `sync_watermark` is the start of
 *   the last succeeded run: an incremental sync asks the provider for changes since then.
 * - `integration_runs`: every sync, with its counts and the cursor of its last committed page, so
 *   a retry resumes there. At most one queued or running run per integration (a partial unique
 *   index): two "Sync now" presses cannot both start one.
 * - `integration_run_errors`: the records a run skipped, with the external id and the reason.
 * - employees: `source_integration_id` (with external_id, the key a sync upserts by: re-running
 *   never duplicates), `overridden_fields` (the provider-owned fields edited locally since) and
 *   `manager_external_id` (the provider's id of the manager, linked once that person arrives).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table integrations (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       provider text not null check (provider in ('bamboohr', 'rippling', 'okta')),
       name text not null check (length(trim(name)) between 1 and 80),
       enabled boolean not null default true,
       credentials_sealed text not null,
       credential_hints jsonb not null default '{}',
       options jsonb not null default '{}',
       schedule text not null default 'hourly' check (schedule in ('hourly', 'daily', 'manual')),
       field_policy text not null default 'provider_wins'
         check (field_policy in ('provider_wins', 'keep_local_edits')),
       sync_watermark timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // one display name per tenant, whatever its case
    `create unique index integrations_tenant_name_key on integrations (tenant_id, lower(name))`,
    `create trigger integrations_updated_at before update on integrations
       for each row execute function app_touch_updated_at()`,

    `create table integration_runs (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       integration_id uuid not null references integrations(id) on delete cascade,
       trigger text not null check (trigger in ('schedule', 'manual', 'retry')),
       requested_by_label text,
       mode text not null check (mode in ('full', 'incremental')),
       since timestamptz,
       status text not null default 'queued'
         check (status in ('queued', 'running', 'succeeded', 'failed', 'partial')),
       created_at timestamptz not null default now(),
       started_at timestamptz,
       finished_at timestamptz,
       pages integer not null default 0,
       added integer not null default 0,
       updated integer not null default 0,
       unchanged integer not null default 0,
       skipped integer not null default 0,
       failed integer not null default 0,
       total integer,
       cursor text,
       error text,
       error_kind text
     )`,
    // the runs table and the health chart: an integration's runs, newest first
    `create index integration_runs_integration_idx on integration_runs (tenant_id, integration_id, created_at desc)`,
    // one sync at a time per integration: a second request while one is queued or running is refused
    `create unique index integration_runs_active_key on integration_runs (integration_id)
       where status in ('queued', 'running')`,

    `create table integration_run_errors (
       id bigint generated always as identity primary key,
       tenant_id uuid not null references tenants(id) on delete cascade,
       run_id uuid not null references integration_runs(id) on delete cascade,
       external_id text,
       reason text not null,
       created_at timestamptz not null default now()
     )`,
    // the run page's error table, in the order they happened
    `create index integration_run_errors_run_idx on integration_run_errors (tenant_id, run_id, id)`,

    `alter table employees
       add column source_integration_id uuid references integrations(id) on delete set null,
       add column overridden_fields text[] not null default '{}',
       add column manager_external_id text`,
    // the sync's upsert key: one employee per (integration, provider id); re-running never duplicates
    `create unique index employees_integration_external_key on employees (tenant_id, source_integration_id, external_id)
       where source_integration_id is not null`,
  ]);
  await enableTenantRls(db, ["integrations", "integration_runs", "integration_run_errors"]);
  await runStatements(db, [
    `grant select, insert, update, delete on integrations to ${APP_ROLE}`,
    `grant select, insert, update on integration_runs to ${APP_ROLE}`,
    `grant select, insert on integration_run_errors to ${APP_ROLE}`,
  ]);
}
