import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Notifications (issue 14, first slice):
 * - `notifications`: what a user sees in the in-app bell, read or not.
 * - `notification_deliveries`: one row per event x recipient x channel (unique, so a retried
 *   function never delivers twice), with its status, the provider's error, attempts and when the
 *   next attempt is due (quiet hours defer, transient failures retry).
 * - `notification_preferences`: a user's own choice per type x channel; absent, the tenant's
 *   `notification_role_defaults` for the user's role apply, and absent too, the built-in defaults.
 * - `notification_quiet_hours`: a user's quiet hours in their time zone.
 * - `mail_previews`: emails stored instead of sent when no provider is configured (the embedded
 *   default), shown to admins as "Mail preview".
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table notifications (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       type text not null,
       title text not null,
       body text not null,
       link text,
       data jsonb not null default '{}',
       read_at timestamptz,
       created_at timestamptz not null default now()
     )`,
    `create index notifications_user_idx on notifications (tenant_id, user_id, created_at desc)`,
    `create index notifications_unread_idx on notifications (tenant_id, user_id) where read_at is null`,
    `create table notification_deliveries (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       event_id uuid not null,
       user_id uuid not null references users(id) on delete cascade,
       type text not null,
       channel text not null check (channel in ('in_app', 'email')),
       address text,
       status text not null check (status in ('queued', 'deferred', 'sent', 'failed', 'bounced')),
       data jsonb not null default '{}',
       notification_id uuid references notifications(id) on delete set null,
       attempts integer not null default 0,
       next_attempt_at timestamptz,
       provider_message_id text,
       provider_error text,
       sent_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       constraint notification_deliveries_once unique (tenant_id, event_id, user_id, channel)
     )`,
    // the delivery log: failures by channel and type, newest first
    `create index notification_deliveries_status_idx
       on notification_deliveries (tenant_id, status, channel, created_at desc)`,
    `create table notification_preferences (
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       type text not null,
       channel text not null check (channel in ('in_app', 'email')),
       enabled boolean not null,
       updated_at timestamptz not null default now(),
       primary key (tenant_id, user_id, type, channel)
     )`,
    `create table notification_role_defaults (
       tenant_id uuid not null references tenants(id) on delete cascade,
       role text not null,
       type text not null,
       channel text not null check (channel in ('in_app', 'email')),
       enabled boolean not null,
       updated_at timestamptz not null default now(),
       primary key (tenant_id, role, type, channel)
     )`,
    `create table notification_quiet_hours (
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       starts_at text not null check (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
       ends_at text not null check (ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
       time_zone text not null,
       updated_at timestamptz not null default now(),
       primary key (tenant_id, user_id)
     )`,
    `create table mail_previews (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       delivery_id uuid not null references notification_deliveries(id) on delete cascade,
       type text not null,
       to_address text not null,
       subject text not null,
       html text not null,
       text text not null,
       created_at timestamptz not null default now(),
       constraint mail_previews_delivery_key unique (delivery_id)
     )`,
    `create index mail_previews_tenant_idx on mail_previews (tenant_id, created_at desc)`,
  ]);
  const tables = [
    "notifications",
    "notification_deliveries",
    "notification_preferences",
    "notification_role_defaults",
    "notification_quiet_hours",
    "mail_previews",
  ];
  await enableTenantRls(db, tables);
  await runStatements(db, [
    `grant select, insert, update on notifications to ${APP_ROLE}`,
    `grant select, insert, update on notification_deliveries to ${APP_ROLE}`,
    `grant select, insert, update, delete on notification_preferences to ${APP_ROLE}`,
    `grant select, insert, update, delete on notification_role_defaults to ${APP_ROLE}`,
    `grant select, insert, update, delete on notification_quiet_hours to ${APP_ROLE}`,
    `grant select, insert on mail_previews to ${APP_ROLE}`,
  ]);
}
