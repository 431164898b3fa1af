import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * A tenant's own Twilio account for text messages (issue 14): one row per tenant, or none (then
 * the platform's TWILIO_* account sends, else the preview keeps them).
 * - The auth token is a secret (whoever has it sends texts on the tenant's bill), so it is sealed
 *   like chat destination secrets and integration credentials, bound to the tenant; only a hint
 *   stays readable. The account SID is an identifier, not a secret, and is kept as typed.
 * - `sender` is a phone number in E.164 or a messaging service SID (MG...).
 * - `base_url` is null for Twilio itself; a Twilio-compatible provider (or a local fake) is named
 *   there and reached through the integrations' SSRF guard.
 * - Turned off, the row stays (credentials kept) and texts go out as if there were none.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table sms_settings (
       tenant_id uuid primary key references tenants(id) on delete cascade,
       account_sid text not null check (account_sid ~ '^AC[0-9a-fA-F]{32}$'),
       auth_token_sealed text not null,
       auth_token_hint text not null,
       sender text not null check (sender ~ '^(\\+[1-9][0-9]{6,14}|MG[0-9a-fA-F]{32})$'),
       base_url text,
       enabled boolean not null default true,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
  ]);
  await enableTenantRls(db, ["sms_settings"]);
  await runStatements(db, [`grant select, insert, update, delete on sms_settings to ${APP_ROLE}`]);
}
