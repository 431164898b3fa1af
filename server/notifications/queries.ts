import type { Trx } from "../db";
import { AppError } from "../errors";
import type { ListNotificationsInput, NotificationDay, NotificationItem } from "./schemas";
import type { NotificationType } from "./types";

/** The calendar day of `instant` in `timeZone`, as YYYY-MM-DD. */
const dayIn = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );

/**
 * A page of the user's notifications, newest first, grouped by day in the viewer's time zone
 * ("Today", "Yesterday" are the page's words for the first groups). The cursor is the last
 * item's time: the next page starts before it.
 */
export async function listNotifications(
  trx: Trx,
  tenantId: string,
  userId: string,
  input: ListNotificationsInput,
): Promise<{ days: NotificationDay[]; nextCursor: Date | null }> {
  let query = trx
    .selectFrom("notifications")
    .select(["id", "type", "title", "body", "link", "created_at", "read_at"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.before) query = query.where("created_at", "<", input.before);
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const days: NotificationDay[] = [];
  for (const row of page) {
    const item: NotificationItem = {
      id: row.id,
      type: row.type as NotificationType,
      title: row.title,
      body: row.body,
      link: row.link,
      createdAt: row.created_at,
      readAt: row.read_at,
    };
    const day = dayIn(row.created_at, input.timeZone);
    const last = days.at(-1);
    if (last?.day === day) last.items.push(item);
    else days.push({ day, items: [item] });
  }
  const nextCursor = rows.length > input.limit ? (page.at(-1)?.created_at ?? null) : null;
  return { days, nextCursor };
}

export async function unreadCount(trx: Trx, tenantId: string, userId: string): Promise<number> {
  const row = await trx
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * The user's notifications created at or after `since` (oldest first), for the live stream. At
 * or after: a JS Date keeps milliseconds, PostgreSQL microseconds, so the last one a stream saw
 * may sort after the Date it was read back as; the stream skips the ids it has sent.
 */
export async function notificationsSince(
  trx: Trx,
  tenantId: string,
  userId: string,
  since: Date,
): Promise<NotificationItem[]> {
  const rows = await trx
    .selectFrom("notifications")
    .select(["id", "type", "title", "body", "link", "created_at", "read_at"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .where("created_at", ">=", since)
    .orderBy("created_at")
    .limit(50)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type as NotificationType,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

export async function listMailPreviews(trx: Trx, tenantId: string, limit: number) {
  const rows = await trx
    .selectFrom("mail_previews")
    .select(["id", "to_address", "subject", "type", "created_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    type: row.type as NotificationType | "daily_digest",
    createdAt: row.created_at,
  }));
}

export async function getMailPreview(trx: Trx, tenantId: string, id: string) {
  const row = await trx
    .selectFrom("mail_previews")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "This email is no longer in the mail preview.");
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    type: row.type as NotificationType | "daily_digest",
    html: row.html,
    text: row.text,
    createdAt: row.created_at,
  };
}

/** When the user's newest notification was created (the epoch when they have none): where a live stream starts. */
export async function latestNotificationAt(trx: Trx, tenantId: string, userId: string): Promise<Date> {
  const row = await trx
    .selectFrom("notifications")
    .select("created_at")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? new Date(0);
}
