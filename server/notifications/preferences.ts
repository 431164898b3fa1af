import { sql } from "kysely";
import type { Trx } from "../db";
import { type TenantRole, tenantRoles } from "../roles";
import type { QuietHours } from "./quiet-hours";
import { type NotificationSettings, settingsOf } from "./settings";
import {
  builtInDefault,
  type NotificationChannel,
  type NotificationType,
  notificationChannels,
  notificationTypeInfo,
  notificationTypes,
} from "./types";

type Channels = Record<NotificationChannel, boolean>;
export type PreferenceRow = {
  type: NotificationType;
  label: string;
  hint: string | null;
  urgent: boolean;
  channels: Channels;
};
export type Preferences = {
  rows: PreferenceRow[];
  quietHours: QuietHours | null;
  settings: NotificationSettings;
  pushSubscriptions: { id: string; label: string; createdAt: Date }[];
};

const key = (type: string, channel: string) => `${type}/${channel}`;

/**
 * Whether each type reaches the user on each channel: the user's own choice, else their tenant's
 * default for their role, else the built-in default. Defaults are read, not copied, so a tenant
 * changing a role's defaults reaches everyone who never chose otherwise.
 */
export async function resolvedChannels(
  trx: Trx,
  tenantId: string,
  user: { id: string; role: TenantRole },
): Promise<Map<string, boolean>> {
  // Both in one round trip (notify() runs this for every recipient); the role's rows first, so
  // the user's own choices, applied after them, win.
  const rows = await trx
    .selectFrom("notification_role_defaults")
    .select([sql<number>`0`.as("rank"), "type", "channel", "enabled"])
    .where("tenant_id", "=", tenantId)
    .where("role", "=", user.role)
    .unionAll(
      trx
        .selectFrom("notification_preferences")
        .select([sql<number>`1`.as("rank"), "type", "channel", "enabled"])
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", user.id),
    )
    .execute();
  const resolved = new Map<string, boolean>();
  for (const type of notificationTypes) {
    for (const channel of notificationChannels)
      resolved.set(key(type, channel), builtInDefault(type, channel));
  }
  for (const rank of [0, 1]) {
    for (const row of rows) if (row.rank === rank) resolved.set(key(row.type, row.channel), row.enabled);
  }
  return resolved;
}

export const isEnabled = (
  resolved: Map<string, boolean>,
  type: NotificationType,
  channel: NotificationChannel,
) => resolved.get(key(type, channel)) ?? false;

export async function quietHoursOf(trx: Trx, tenantId: string, userId: string): Promise<QuietHours | null> {
  const row = await trx
    .selectFrom("notification_quiet_hours")
    .select(["starts_at", "ends_at", "time_zone"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { start: row.starts_at, end: row.ends_at, timeZone: row.time_zone } : null;
}

/**
 * The preferences page: every type with its channels as they apply now, the quiet hours, the SMS
 * number (by its last digits) and digest hour, and the browsers subscribed to push.
 */
export async function preferencesOf(
  trx: Trx,
  tenantId: string,
  user: { id: string; role: TenantRole },
): Promise<Preferences> {
  const [resolved, quietHours, settings, pushSubscriptions] = await Promise.all([
    resolvedChannels(trx, tenantId, user),
    quietHoursOf(trx, tenantId, user.id),
    settingsOf(trx, tenantId, user.id),
    trx
      .selectFrom("push_subscriptions")
      .select(["id", "label", "created_at as createdAt"])
      .where("tenant_id", "=", tenantId)
      .where("user_id", "=", user.id)
      .orderBy("created_at")
      .execute(),
  ]);
  const rows = notificationTypes.map((type) => ({
    type,
    label: notificationTypeInfo[type].label,
    hint: notificationTypeInfo[type].hint ?? null,
    urgent: notificationTypeInfo[type].urgent,
    channels: Object.fromEntries(
      notificationChannels.map((channel) => [channel, isEnabled(resolved, type, channel)]),
    ) as Channels,
  }));
  return { rows, quietHours, settings, pushSubscriptions };
}

/** The admins' defaults editor: each role x type with its channels as the role gets them by default. */
export async function roleDefaultsOf(trx: Trx, tenantId: string) {
  const rows = await trx
    .selectFrom("notification_role_defaults")
    .select(["role", "type", "channel", "enabled"])
    .where("tenant_id", "=", tenantId)
    .execute();
  const set = new Map(rows.map((row) => [`${row.role}/${key(row.type, row.channel)}`, row.enabled]));
  return {
    rows: tenantRoles.flatMap((role) =>
      notificationTypes.map((type) => ({
        role,
        type,
        label: notificationTypeInfo[type].label,
        channels: Object.fromEntries(
          notificationChannels.map((channel) => [
            channel,
            set.get(`${role}/${key(type, channel)}`) ?? builtInDefault(type, channel),
          ]),
        ) as Channels,
      })),
    ),
  };
}
