import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import type { TenantRole } from "../../roles";
import { queueChatDeliveries } from "../chat/services/queue-chat-deliveries";
import { announceChange } from "../live";
import type { NotificationMessage } from "../message";
import { isEnabled, resolvedChannels } from "../preferences";
import { type QuietHours, quietHoursEnd } from "../quiet-hours";
import { nextDigestAt, settingsOf } from "../settings";
import { type NotificationChannel, notificationTypeInfo, type SentChannel } from "../types";

/** A delivery left for the function to send, on its channel: now, or once the recipient's quiet hours end. */
export type PendingDelivery = { deliveryId: string; channel: SentChannel; sendAt: string | null };
export type NotifyResult = { notificationId: string | null; deliveries: PendingDelivery[] };

type Recipient = { id: string; email: string; name: string; role: TenantRole; quietHours: QuietHours | null };

/**
 * Notifies one user of one thing: a delivery per channel the user gets this type on (their
 * choice, else their role's default). Called only from Inngest functions: the event being handled
 * (the scope's cause) keys every delivery, unique per (event, recipient, channel), so a retried
 * or re-delivered function delivers nothing twice. The bell gets it at once and every open bell
 * of the user is told on commit. Email, text message and push are queued for the function to
 * send after this transaction, deferred to the end of the recipient's quiet hours unless the type
 * is urgent; a text needs a number on file and push a subscribed browser, else that channel is
 * skipped. A type the user reads in the daily digest waits for it instead of being mailed alone
 * (urgent types are mailed at once all the same). A deactivated or unknown recipient gets nothing.
 * Whatever the recipient chose, a type the tenant's admins routed to a team chat is queued for each
 * of its Slack or Teams destinations, once per event however many people it notifies.
 */
export async function notify(
  scope: TenantScope,
  recipientId: string,
  message: NotificationMessage,
  now = new Date(),
): Promise<NotifyResult> {
  if (!scope.cause) {
    throw new AppError("INTERNAL", "notify() is called from automation: it needs the event being handled");
  }
  const eventId = scope.cause.eventId;
  const recipient = await activeRecipient(scope, recipientId);
  if (!recipient) return { notificationId: null, deliveries: [] };
  const channels = await resolvedChannels(scope.db, scope.tenantId, recipient);
  const on = (channel: NotificationChannel) => isEnabled(channels, message.type, channel);
  const urgent = notificationTypeInfo[message.type].urgent;

  const notificationId = on("in_app") ? await deliverInApp(scope, eventId, recipient, message) : null;
  const quiet = urgent ? null : quietHoursEnd(now, recipient.quietHours);
  const queue = (channel: SentChannel, address: string) =>
    queueDelivery(scope, { eventId, recipient, message, channel, address, quiet });

  const deliveries: (PendingDelivery | null)[] = [];
  const digested = on("digest") && !urgent;
  if (digested) await queueDigestItem(scope, eventId, recipient, message, now);
  if (on("email") && !digested) deliveries.push(await queue("email", recipient.email));
  if (on("sms")) {
    const settings = await settingsOf(scope.db, scope.tenantId, recipient.id);
    if (settings.phoneHint) deliveries.push(await queue("sms", settings.phoneHint));
  }
  if (on("push") && (await hasPushSubscription(scope, recipient.id))) {
    deliveries.push(await queue("push", "browsers"));
  }
  for (const deliveryId of await queueChatDeliveries(scope, eventId, recipient.name, message)) {
    deliveries.push({ deliveryId, channel: "chat", sendAt: null });
  }
  return { notificationId, deliveries: deliveries.filter((d): d is PendingDelivery => d !== null) };
}

/** The recipient while active, with their quiet hours (read in the same round trip). */
async function activeRecipient(scope: TenantScope, userId: string): Promise<Recipient | undefined> {
  const user = await scope.db
    .selectFrom("users as u")
    .leftJoin("notification_quiet_hours as q", (join) =>
      join.onRef("q.tenant_id", "=", "u.tenant_id").onRef("q.user_id", "=", "u.id"),
    )
    .select(["u.id", "u.email", "u.name", "u.role", "q.starts_at", "q.ends_at", "q.time_zone"])
    .where("u.tenant_id", "=", scope.tenantId)
    .where("u.id", "=", userId)
    .where("u.status", "=", "active")
    .executeTakeFirst();
  if (!user) return undefined;
  const quietHours =
    user.starts_at !== null && user.ends_at !== null && user.time_zone !== null
      ? { start: user.starts_at, end: user.ends_at, timeZone: user.time_zone }
      : null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as TenantRole, quietHours };
}

/**
 * The bell: the notification row and its delivery, once per event, and every open bell of the user
 * told once it commits; null when already delivered. One statement: the delivery (unique per event,
 * recipient and channel) gates the notification, whose id is chosen here so the delivery can
 * name it (the foreign key is checked at the statement's end, once both rows exist).
 */
async function deliverInApp(
  scope: TenantScope,
  eventId: string,
  recipient: Recipient,
  message: NotificationMessage,
): Promise<string | null> {
  const notificationId = randomUUID();
  const { rows } = await sql<{ id: string }>`
    with delivery as (
      insert into notification_deliveries
             (tenant_id, event_id, user_id, type, channel, status, attempts, sent_at, notification_id)
      values (${scope.tenantId}::uuid, ${eventId}::uuid, ${recipient.id}::uuid, ${message.type}, 'in_app',
              'sent', 1, ${new Date()}::timestamptz, ${notificationId}::uuid)
      on conflict on constraint notification_deliveries_once do nothing
      returning id
    ), notification as (
      insert into notifications (id, tenant_id, user_id, type, title, body, link, data)
      select ${notificationId}::uuid, ${scope.tenantId}::uuid, ${recipient.id}::uuid, ${message.type}::text,
             ${message.title}::text, ${message.body}::text, ${message.link}::text,
             ${JSON.stringify({ eventId })}::jsonb
        from delivery
      returning id
    )
    select id from notification`.execute(scope.db);
  const id = rows[0]?.id ?? null;
  if (id) await announceChange(scope.db, scope.tenantId, recipient.id);
  return id;
}

/**
 * A delivery on a sent channel, queued (or deferred past quiet hours) with everything its sending
 * needs. An existing one for the same event is returned while still unsent, so a function run that
 * failed before sending it sends it on its retry; a sent or failed one is left alone. The address
 * is what the log shows (a phone number only by its last digits).
 */
async function queueDelivery(
  scope: TenantScope,
  input: {
    eventId: string;
    recipient: Recipient;
    message: NotificationMessage;
    channel: SentChannel;
    address: string;
    quiet: Date | null;
  },
): Promise<PendingDelivery | null> {
  const { eventId, recipient, message, channel, quiet } = input;
  const existing = () =>
    scope.db
      .selectFrom("notification_deliveries")
      .select(["id", "status", "next_attempt_at"])
      .where("tenant_id", "=", scope.tenantId)
      .where("event_id", "=", eventId)
      .where("user_id", "=", recipient.id)
      .where("channel", "=", channel);
  // The new delivery, or (on a retry) the one already queued, in one round trip.
  const written = await scope.db
    .with("queued", (db) =>
      db
        .insertInto("notification_deliveries")
        .values({
          tenant_id: scope.tenantId,
          event_id: eventId,
          user_id: recipient.id,
          type: message.type,
          channel,
          address: input.address,
          status: quiet ? "deferred" : "queued",
          next_attempt_at: quiet,
          data: JSON.stringify(message),
        })
        .onConflict((oc) => oc.constraint("notification_deliveries_once").doNothing())
        .returning(["id", "status", "next_attempt_at"]),
    )
    .selectFrom("queued")
    .select(["id", "status", "next_attempt_at"])
    .unionAll(existing().where(sql<boolean>`not exists (select 1 from queued)`))
    .executeTakeFirst();
  // Neither: a concurrent insert committed after this statement's snapshot was taken; read it now.
  const delivery = written ?? (await existing().executeTakeFirstOrThrow());
  if (delivery.status !== "queued" && delivery.status !== "deferred") return null;
  return {
    deliveryId: delivery.id,
    channel,
    sendAt: delivery.status === "deferred" ? (delivery.next_attempt_at?.toISOString() ?? null) : null,
  };
}

/**
 * A line of the recipient's next daily digest: deferred until their digest hour, when the digest
 * function mails everything due in one email (send-digests).
 */
async function queueDigestItem(
  scope: TenantScope,
  eventId: string,
  recipient: Recipient,
  message: NotificationMessage,
  now: Date,
): Promise<void> {
  const settings = await settingsOf(scope.db, scope.tenantId, recipient.id);
  await scope.db
    .insertInto("notification_deliveries")
    .values({
      tenant_id: scope.tenantId,
      event_id: eventId,
      user_id: recipient.id,
      type: message.type,
      channel: "digest",
      address: recipient.email,
      status: "deferred",
      next_attempt_at: nextDigestAt(now, settings.digestHour, settings.digestTimeZone),
      data: JSON.stringify(message),
    })
    .onConflict((oc) => oc.constraint("notification_deliveries_once").doNothing())
    .execute();
}

async function hasPushSubscription(scope: TenantScope, userId: string): Promise<boolean> {
  const row = await scope.db
    .selectFrom("push_subscriptions")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
