import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Team chat notifications (issue 14): a tenant's Slack and Microsoft Teams destinations and which
 * notification types go to each.
 * - `chat_destinations`: a Slack incoming webhook, a Slack bot token with its channel id, or a
 *   Teams Workflows webhook. The webhook URL or token is a secret (whoever has it can post), so it
 *   is sealed like integration credentials, bound to the tenant and the destination; only a hint
 *   stays readable.
 * - `chat_routes`: the admin's routing table, one row per destination x type that goes there.
 * - `notification_deliveries` takes chat deliveries: one per event x destination, not per
 *   recipient, so they carry a destination and no user (a check keeps every other channel's rows
 *   tied to a user). A deleted destination leaves its deliveries in the log (destination null).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table chat_destinations (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       name text not null,
       kind text not null check (kind in ('slack_webhook', 'slack_bot', 'teams_webhook')),
       secret_sealed text not null,
       secret_hint text not null,
       slack_channel text,
       enabled boolean not null default true,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       constraint chat_destinations_tenant_name_key unique (tenant_id, name),
       constraint chat_destinations_channel_check check ((kind = 'slack_bot') = (slack_channel is not null))
     )`,
    `create table chat_routes (
       tenant_id uuid not null references tenants(id) on delete cascade,
       destination_id uuid not null references chat_destinations(id) on delete cascade,
       type text not null,
       created_at timestamptz not null default now(),
       primary key (tenant_id, destination_id, type)
     )`,
    // notify(): the destinations a type goes to
    `create index chat_routes_type_idx on chat_routes (tenant_id, type)`,
    `alter table notification_deliveries alter column user_id drop not null`,
    `alter table notification_deliveries
       add column destination_id uuid references chat_destinations(id) on delete set null`,
    `alter table notification_deliveries drop constraint notification_deliveries_channel_check`,
    `alter table notification_deliveries add constraint notification_deliveries_channel_check
       check (channel in ('in_app', 'email', 'sms', 'push', 'digest', 'chat'))`,
    `alter table notification_deliveries add constraint notification_deliveries_recipient_check
       check ((channel = 'chat') = (user_id is null))`,
    // once per event and destination, as notification_deliveries_once is per event and recipient
    `alter table notification_deliveries add constraint notification_deliveries_chat_once
       unique (tenant_id, event_id, destination_id)`,
  ]);
  await enableTenantRls(db, ["chat_destinations", "chat_routes"]);
  await runStatements(db, [
    `grant select, insert, update, delete on chat_destinations to ${APP_ROLE}`,
    `grant select, insert, delete on chat_routes to ${APP_ROLE}`,
  ]);
}
