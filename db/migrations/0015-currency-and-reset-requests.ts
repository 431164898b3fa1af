import { APP_ROLE, enableTenantRls, type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * - `tenants.currency`: the ISO 4217 code the organization's amounts are in (costs, book values,
 *   exports). Amounts stay plain numerics; the tenant keeps one currency, set from the sign-up
 *   locale and changed in Settings. Existing tenants keep USD, what the screens assumed so far.
 * - `password_reset_requests`: "Forgot password?" from the sign-in page. Until email delivery
 *   exists an admin sees the pending request and creates the reset link (password_resets); the
 *   row is resolved then. Tenant-owned, under the same policies as password_resets.
 * - `password_reset_attempts`: every request, known email or not, for the rate limit by address
 *   (a platform table like sign_up_attempts: no tenant is known for an unknown email).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table tenants add column currency text not null default 'USD'
       constraint tenants_currency_check check (currency ~ '^[A-Z]{3}$')`,

    `create table password_reset_requests (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       created_at timestamptz not null default now(),
       resolved_at timestamptz
     )`,
    // Settings -> Users lists a tenant's pending requests; one pending request per user
    `create unique index password_reset_requests_pending_key on password_reset_requests (tenant_id, user_id)
       where resolved_at is null`,

    `create table password_reset_attempts (
       id bigint generated always as identity primary key,
       ip text not null,
       created_at timestamptz not null default now()
     )`,
    // rate limit: recent requests from one address
    `create index password_reset_attempts_ip_idx on password_reset_attempts (ip, created_at desc)`,
  ]);
  await enableTenantRls(db, ["password_reset_requests"]);
  await runStatements(db, [
    `grant select, insert, update on password_reset_requests to ${APP_ROLE}`,
    `alter table password_reset_attempts enable row level security`,
    `alter table password_reset_attempts force row level security`,
    ...platformPolicy("password_reset_attempts"),
  ]);
}
