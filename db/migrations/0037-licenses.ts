import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Software licences (issues 13 and 14): what the organization bought, and who holds a seat.
 *
 * - `licenses.seats` null means unlimited; `cost_per_seat` is a plain numeric in the tenant's one
 *   currency (`tenants.currency`), as asset costs are.
 * - `license_assignments` keeps every assignment, revoked ones too (who revoked it, when, why), so
 *   a licence's page shows its past holders. At most one *active* assignment per licence and
 *   employee (a partial unique index); the seat limit is checked under the licence row's lock.
 * - `license_expiry_notices`: which expiry warning (30 or 7 days before) was sent for which expiry
 *   date, so the daily scan sends each once; a renewal (a new `expires_on`) warns again.
 * - Workflow steps can revoke a licence (`revoke_license`, carrying `license_id` as a return step
 *   carries its asset) or all of the employee's (`revoke_licenses`).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table licenses (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null check (length(trim(name)) between 1 and 120),
       vendor text check (vendor is null or length(trim(vendor)) between 1 and 120),
       seats integer check (seats is null or seats between 1 and 1000000),
       cost_per_seat numeric(14, 2) check (cost_per_seat is null or cost_per_seat >= 0),
       purchased_on date,
       expires_on date,
       notes text not null default '',
       archived_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // the licences page, by name
    `create index licenses_list_idx on licenses (tenant_id, name)`,
    // the daily expiry scan: licences in use with an expiry date
    `create index licenses_expiry_idx on licenses (tenant_id, expires_on)
       where archived_at is null and expires_on is not null`,

    `create table license_assignments (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       license_id uuid not null references licenses(id) on delete cascade,
       employee_id uuid not null references employees(id) on delete cascade,
       assigned_at timestamptz not null default now(),
       assigned_by uuid references users(id) on delete set null,
       revoked_at timestamptz,
       revoked_by uuid references users(id) on delete set null,
       revoke_reason text,
       constraint license_assignments_revoked_check check ((revoked_at is null) = (revoke_reason is null))
     )`,
    // one active seat per licence and person; also serves counting a licence's seats in use
    `create unique index license_assignments_active_key on license_assignments (tenant_id, license_id, employee_id)
       where revoked_at is null`,
    // a licence's page: its holders, newest first (active and past)
    `create index license_assignments_license_idx on license_assignments (tenant_id, license_id, assigned_at desc)`,
    // an employee's active licences (their page, offboarding, revoking all at once)
    `create index license_assignments_employee_idx on license_assignments (tenant_id, employee_id)
       where revoked_at is null`,

    `create table license_expiry_notices (
       tenant_id uuid not null references tenants(id) on delete cascade,
       license_id uuid not null references licenses(id) on delete cascade,
       threshold_days integer not null check (threshold_days > 0),
       expires_on date not null,
       notified_at timestamptz not null default now(),
       primary key (tenant_id, license_id, threshold_days, expires_on)
     )`,

    `alter table workflow_steps drop constraint workflow_steps_action_check`,
    `alter table workflow_steps add constraint workflow_steps_action_check check (action in (
       'return_asset', 'mark_asset_in_stock', 'record_maintenance', 'revoke_license', 'revoke_licenses'))`,
    `alter table workflow_steps add column license_id uuid references licenses(id)`,
  ]);
  const tables = ["licenses", "license_assignments", "license_expiry_notices"];
  await enableTenantRls(db, tables);
  await runStatements(db, [
    `grant select, insert, update on licenses, license_assignments to ${APP_ROLE}`,
    `grant select, insert on license_expiry_notices to ${APP_ROLE}`,
  ]);
}
