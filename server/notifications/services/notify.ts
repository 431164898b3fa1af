import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import type { TenantRole } from "../../roles";
import { queueChatDeliveries } from "../chat/services/queue-chat-deliveries";
import { announceChange } from "../live";
import type { NotificationMessage } from "../message";
import { isEnabled, quietHoursOf, resolvedChannels } from "../preferences";
import { quietHoursEnd } from "../quiet-hours";
import { nextDigestAt, settingsOf } from "../settings";
import { type NotificationChannel, notificationTypeInfo, type SentChannel } from "../types";

/** A delivery left for the function to send, on its channel: now, or once the recipient's quiet hours end. */
export type PendingDelivery = { deliveryId: string; channel: SentChannel; sendAt: string | null };
export type NotifyResult = { notificationId: string | null; deliveries: PendingDelivery[] };

type Recipient = { id: string; email: string; name: string; role: TenantRole };

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
  const quiet = urgent
    ? null
    : quietHoursEnd(now, await quietHoursOf(scope.db, scope.tenantId, recipient.id));
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

async function activeRecipient(scope: TenantScope, userId: string): Promise<Recipient | undefined> {
  const user = await scope.db
    .selectFrom("users")
    .select(["id", "email", "name", "role"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", userId)
    .where("status", "=", "active")
    .executeTakeFirst();
  return user && { id: user.id, email: user.email, name: user.name, role: user.role as TenantRole };
}

/** The bell: the notification row and its delivery, once per event; null when already delivered. */
async function deliverInApp(
  scope: TenantScope,
  eventId: string,
  recipient: Recipient,
  message: NotificationMessage,
): Promise<string | null> {
  const delivery = await scope.db
    .insertInto("notification_deliveries")
    .values({
      tenant_id: scope.tenantId,
      event_id: eventId,
      user_id: recipient.id,
      type: message.type,
      channel: "in_app",
      status: "sent",
      attempts: 1,
      sent_at: new Date(),
    })
    .onConflict((oc) => oc.constraint("notification_deliveries_once").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!delivery) return null;
  const notification = await scope.db
    .insertInto("notifications")
    .values({
      tenant_id: scope.tenantId,
      user_id: recipient.id,
      type: message.type,
      title: message.title,
      body: message.body,
      link: message.link,
      data: JSON.stringify({ eventId }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await scope.db
    .updateTable("notification_deliveries")
    .set({ notification_id: notification.id })
    .where("id", "=", delivery.id)
    .execute();
  await announceChange(scope.db, scope.tenantId, recipient.id);
  return notification.id;
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
  await scope.db
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
    .execute();
  const delivery = await scope.db
    .selectFrom("notification_deliveries")
    .select(["id", "status", "next_attempt_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("event_id", "=", eventId)
    .where("user_id", "=", recipient.id)
    .where("channel", "=", channel)
    .executeTakeFirstOrThrow();
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
