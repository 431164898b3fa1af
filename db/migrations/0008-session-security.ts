import { APP_ROLE, enableTenantRls, type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * Sessions that can be ended and sign-in limits that hold (issue 7).
 *
 * - `users.session_version` is copied into the session cookie at sign-in and compared on every
 *   request: sign-out, a password change, a deactivation or "sign out everywhere" bump it, and
 *   every cookie issued before stops working (a reactivated user does not get old cookies back).
 * - `users.password_changed_at`: failed sign-ins from before a password change or reset no longer
 *   count against the account, so "ask an administrator to reset your password" unblocks it.
 * - `password_resets`: single-use, expiring reset links an admin creates for a member; like
 *   invitations, the link carries the token and the row only its SHA-256.
 * - `sign_up_attempts`: sign-ups per address, for the sign-up rate limit.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table users
       add column session_version integer not null default 0,
       add column password_changed_at timestamptz`,

    `create table password_resets (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       token_hash text not null,
       created_by uuid references users(id) on delete set null,
       expires_at timestamptz not null,
       used_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    // the reset page finds a link by the hash of its token
    `create unique index password_resets_token_hash_key on password_resets (token_hash)`,
    // a new link for a user closes that user's earlier open ones
    `create index password_resets_user_idx on password_resets (tenant_id, user_id)`,

    // Platform table, like sign_in_attempts: no tenant yet at sign-up.
    `create table sign_up_attempts (
       id bigint generated always as identity primary key,
       ip text not null,
       created_at timestamptz not null default now()
     )`,
    // rate limit: recent sign-ups from one address
    `create index sign_up_attempts_ip_idx on sign_up_attempts (ip, created_at desc)`,
    // rate limit per account and address pair (sign_in_attempts_email_idx leads with email only)
    `create index sign_in_attempts_email_ip_idx on sign_in_attempts (email, ip, created_at desc)`,
  ]);
  await enableTenantRls(db, ["password_resets"]);
  await runStatements(db, [
    `grant select, insert, update on password_resets to ${APP_ROLE}`,
    `alter table sign_up_attempts enable row level security`,
    `alter table sign_up_attempts force row level security`,
    ...platformPolicy("sign_up_attempts"),
  ]);
}
