import type { Trx } from "../db";
import { open, seal } from "../employees/encryption";
import { withKeyring } from "../employees/process-keyring";

/**
 * A user's own notification settings beyond the preference matrix: the mobile number text
 * messages go to (sealed at rest with the personal-data keys, bound to the user, so it cannot be
 * copied to another account; the last digits kept in clear for the page) and when the daily
 * digest arrives.
 */
export type NotificationSettings = { phoneHint: string | null; digestHour: number; digestTimeZone: string };

const phoneContext = (tenantId: string, userId: string) =>
  `notification_settings:${tenantId}:${userId}:phone`;

export const sealPhone = (tenantId: string, userId: string, phone: string) =>
  withKeyring((keyring) => seal(keyring, phoneContext(tenantId, userId), phone));

/** "•••• 4567": enough to recognise one's number, not enough to call it. */
export const phoneHintOf = (phone: string) => `•••• ${phone.slice(-4)}`;

export async function settingsOf(trx: Trx, tenantId: string, userId: string): Promise<NotificationSettings> {
  const row = await trx
    .selectFrom("notification_settings")
    .select(["phone_hint", "digest_hour", "digest_time_zone"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return {
    phoneHint: row?.phone_hint ?? null,
    digestHour: row?.digest_hour ?? 8,
    digestTimeZone: row?.digest_time_zone ?? "UTC",
  };
}

/** The user's mobile number in clear, for sending only; null when none is on file. */
export async function phoneOf(trx: Trx, tenantId: string, userId: string): Promise<string | null> {
  const row = await trx
    .selectFrom("notification_settings")
    .select("phone_sealed")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row?.phone_sealed) return null;
  const sealed = row.phone_sealed;
  return withKeyring((keyring) => open(keyring, phoneContext(tenantId, userId), sealed));
}

/** The wall-clock hour of `instant` in `timeZone` and its calendar day (YYYY-MM-DD). */
function wallClock(instant: Date, timeZone: string): { hour: number; day: string } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return { hour: Number(value("hour")), day: `${value("year")}-${value("month")}-${value("day")}` };
}

/**
 * The next time the user's digest goes out after `now`: the first whole hour at which the clock
 * in their zone reads `hour` (walking hour by hour, so a daylight-saving change in between is
 * taken as the zone's clock takes it; an hour skipped that night goes at the next one).
 */
export function nextDigestAt(now: Date, hour: number, timeZone: string): Date {
  const HOUR = 3_600_000;
  let previous = wallClock(new Date(Math.floor(now.getTime() / HOUR) * HOUR), timeZone).hour;
  let candidate = new Date(Math.floor(now.getTime() / HOUR) * HOUR + HOUR);
  for (let step = 0; step < 49; step += 1) {
    const current = wallClock(candidate, timeZone).hour;
    const reached = current === hour && previous !== hour;
    const skipped = previous < hour && current > hour;
    if (reached || skipped) return candidate;
    previous = current;
    candidate = new Date(candidate.getTime() + HOUR);
  }
  return candidate;
}

/** The user's calendar day at `instant`, in their digest's zone: what a digest is keyed by. */
export const digestDayOf = (instant: Date, timeZone: string) => wallClock(instant, timeZone).day;
