import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

const CHANNELS = "'in_app', 'email', 'sms', 'push', 'digest'";

/**
 * Notifications, the remaining channels (issue 14):
 * - the channel checks widen to SMS, browser push and the daily email digest (a channel of its own
 *   in preferences: a type someone reads in the digest is not also mailed one by one);
 * - `notification_settings`: a user's SMS number (sealed like employees' personal data, with the
 *   last digits kept in clear so the page can say which number is on file) and their digest hour;
 * - `push_subscriptions`: each browser a user turned push on in (the endpoint is the push
 *   service's URL for that browser; p256dh/auth encrypt the payload for it);
 * - `text_previews`: text messages stored instead of sent when no SMS provider is configured
 *   (the embedded default, shown to admins beside the mail preview).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table notification_deliveries drop constraint notification_deliveries_channel_check`,
    `alter table notification_deliveries add constraint notification_deliveries_channel_check
       check (channel in (${CHANNELS}))`,
    `alter table notification_preferences drop constraint notification_preferences_channel_check`,
    `alter table notification_preferences add constraint notification_preferences_channel_check
       check (channel in (${CHANNELS}))`,
    `alter table notification_role_defaults drop constraint notification_role_defaults_channel_check`,
    `alter table notification_role_defaults add constraint notification_role_defaults_channel_check
       check (channel in (${CHANNELS}))`,
    // the failed-deliveries page and the digest sweep: what is due or failed, by when
    `create index notification_deliveries_due_idx
       on notification_deliveries (channel, next_attempt_at) where status in ('queued', 'deferred')`,
    // the 14-day chart: deliveries per day, channel and status
    `create index notification_deliveries_created_idx on notification_deliveries (tenant_id, created_at)`,
    `create table notification_settings (
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       phone_sealed text,
       phone_hint text,
       digest_hour smallint not null default 8 check (digest_hour between 0 and 23),
       digest_time_zone text not null default 'UTC',
       updated_at timestamptz not null default now(),
       primary key (tenant_id, user_id)
     )`,
    `create table push_subscriptions (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       user_id uuid not null references users(id) on delete cascade,
       endpoint text not null,
       p256dh text not null,
       auth text not null,
       label text not null,
       created_at timestamptz not null default now(),
       last_success_at timestamptz,
       constraint push_subscriptions_endpoint_key unique (tenant_id, endpoint)
     )`,
    `create index push_subscriptions_user_idx on push_subscriptions (tenant_id, user_id)`,
    `create table text_previews (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       delivery_id uuid not null references notification_deliveries(id) on delete cascade,
       type text not null,
       to_address text not null,
       body text not null,
       created_at timestamptz not null default now(),
       constraint text_previews_delivery_key unique (delivery_id)
     )`,
    `create index text_previews_tenant_idx on text_previews (tenant_id, created_at desc)`,
  ]);
  await enableTenantRls(db, ["notification_settings", "push_subscriptions", "text_previews"]);
  await runStatements(db, [
    `grant select, insert, update, delete on notification_settings to ${APP_ROLE}`,
    `grant select, insert, update, delete on push_subscriptions to ${APP_ROLE}`,
    `grant select, insert on text_previews to ${APP_ROLE}`,
  ]);
}
