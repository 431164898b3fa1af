import type { InTenant, TenantScope } from "../../context";
import { env } from "../../env";
import { type ChatTransport, chatTransport } from "../channels/chat";
import { type PushTransport, pushTransport } from "../channels/push";
import { type SmsTransport, smsBody, smsTransport } from "../channels/sms";
import { sendChatDelivery } from "../chat/services/send-chat-delivery";
import { type MailTransport, mailTransport, type SendOutcome } from "../mailer";
import type { NotificationMessage } from "../message";
import { phoneHintOf, phoneOf } from "../settings";
import { type TenantSmsAccount, tenantSmsAccountOf } from "../sms-settings/queries";
import { tenantSmsTransport } from "../sms-settings/transport";
import { type NotificationType, notificationTypeInfo, type SentChannel } from "../types";
import { prepareEmail, prepareEmailBatch, recordSendOutcome, recordSendOutcomes } from "./send-email";

/**
 * Where each sent channel goes; tests point them at the local fakes. A text goes out with the
 * tenant's own Twilio account when it saved one and turned it on (`tenantSms`), else with the
 * platform's (`sms`: TWILIO_*, or the preview when unset).
 */
export type Transports = {
  mail: () => MailTransport;
  sms: () => SmsTransport;
  tenantSms: (account: TenantSmsAccount) => SmsTransport;
  push: () => PushTransport;
  chat: () => ChatTransport;
};
export const deploymentTransports: Transports = {
  mail: mailTransport,
  sms: smsTransport,
  tenantSms: (account) => tenantSmsTransport(account),
  push: pushTransport,
  chat: chatTransport,
};

/** What sending one delivery came to: nothing left to do, or the provider's answer as recorded. */
export type DeliveryResult = "done" | SendOutcome["kind"];

/**
 * Sends one queued or deferred delivery on its channel and records the answer; the provider call
 * runs between two short transactions, never inside one. Returns the outcome so the caller (an
 * Inngest step) can throw on a transient one and be retried with backoff.
 */
export async function sendDelivery(
  inTenant: InTenant,
  transports: Transports,
  deliveryId: string,
  channel: SentChannel,
): Promise<{ result: DeliveryResult; outcome: SendOutcome | null }> {
  if (channel === "email") {
    const mail = transports.mail();
    const prepared = await inTenant((scope) => prepareEmail(scope, deliveryId, mail));
    if (prepared.kind === "done" || mail.kind !== "provider") return { result: "done", outcome: null };
    const outcome = await mail.send(prepared.email);
    await inTenant((scope) => recordSendOutcome(scope, deliveryId, outcome));
    return { result: outcome.kind, outcome };
  }
  if (channel === "sms") {
    const prepared = await inTenant(async (scope) => {
      const account = await tenantSmsAccountOf(scope.db, scope.tenantId);
      const sms = account ? transports.tenantSms(account) : transports.sms();
      const message = await prepareSms(scope, deliveryId, sms);
      return message && { sms, message };
    });
    if (prepared?.sms.kind !== "provider") return { result: "done", outcome: null };
    const outcome = await prepared.sms.send({ deliveryId, ...prepared.message });
    await inTenant((scope) => recordSendOutcome(scope, deliveryId, outcome));
    return { result: outcome.kind, outcome };
  }
  if (channel === "chat") return sendChatDelivery(inTenant, transports.chat(), deliveryId);
  return sendPush(inTenant, transports.push(), deliveryId);
}

/**
 * Sends queued email deliveries together: prepared (see prepareEmailBatch), sent in as few provider
 * calls as it allows (Resend's batch endpoint), each answer recorded on its own delivery in one
 * more. Returns each sent delivery's outcome, in the order given; those already sent or failed
 * (a retried step) are left out.
 */
export async function sendEmails(
  inTenant: InTenant,
  transports: Transports,
  deliveryIds: readonly string[],
): Promise<{ deliveryId: string; outcome: SendOutcome }[]> {
  const mail = transports.mail();
  const emails = await prepareEmailBatch(inTenant, deliveryIds, mail);
  if (emails.length === 0 || mail.kind !== "provider") return [];
  const outcomes = await mail.sendBatch(emails);
  const answers = emails.map((email, index) => ({
    deliveryId: email.deliveryId,
    outcome: outcomes[index] as SendOutcome,
  }));
  await inTenant((scope) => recordSendOutcomes(scope, answers));
  return answers;
}

type Unsent = { id: string; type: NotificationType; data: NotificationMessage };

/** The delivery, locked, while still queued or deferred; undefined once sent or failed. */
async function unsentDelivery(scope: TenantScope, deliveryId: string, channel: SentChannel) {
  const row = await scope.db
    .selectFrom("notification_deliveries")
    .select(["id", "type", "data", "user_id", "status"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", deliveryId)
    .where("channel", "=", channel)
    .forUpdate()
    .executeTakeFirst();
  if (!row || (row.status !== "queued" && row.status !== "deferred")) return undefined;
  return { ...row, data: row.data as NotificationMessage } as Unsent & { user_id: string };
}

/**
 * A text message's number and words. Without a provider it is stored for the preview (the number
 * only by its last digits) and marked sent here; a number removed since the delivery was queued fails it for good.
 */
async function prepareSms(
  scope: TenantScope,
  deliveryId: string,
  transport: SmsTransport,
): Promise<{ to: string; body: string } | null> {
  const delivery = await unsentDelivery(scope, deliveryId, "sms");
  if (!delivery) return null;
  const to = await phoneOf(scope.db, scope.tenantId, delivery.user_id);
  if (!to) {
    await recordSendOutcome(scope, deliveryId, {
      kind: "permanent",
      error: "No mobile number on file any more",
      bounced: false,
    });
    return null;
  }
  const body = smsBody(delivery.data, env.APP_URL);
  if (transport.kind === "provider") return { to, body };
  await scope.db
    .insertInto("text_previews")
    .values({
      tenant_id: scope.tenantId,
      delivery_id: deliveryId,
      type: delivery.type,
      to_address: phoneHintOf(to),
      body,
    })
    .execute();
  await recordSendOutcome(scope, deliveryId, { kind: "sent", providerMessageId: "preview" });
  return null;
}

/**
 * Push goes to every browser the user subscribed: sent when at least one push service took it; a
 * subscription the service says is gone (404/410) is removed; none left is a permanent failure;
 * only when none took it and one failed transiently is it retried.
 */
async function sendPush(
  inTenant: InTenant,
  transport: PushTransport,
  deliveryId: string,
): Promise<{ result: DeliveryResult; outcome: SendOutcome | null }> {
  const prepared = await inTenant(async (scope) => {
    const delivery = await unsentDelivery(scope, deliveryId, "push");
    if (!delivery) return null;
    const targets = await scope.db
      .selectFrom("push_subscriptions")
      .select(["id", "endpoint", "p256dh", "auth"])
      .where("tenant_id", "=", scope.tenantId)
      .where("user_id", "=", delivery.user_id)
      .execute();
    return { delivery, targets };
  });
  if (!prepared) return { result: "done", outcome: null };
  const { delivery, targets } = prepared;
  const payload = {
    title: delivery.data.title,
    body: delivery.data.body,
    link: delivery.data.link,
    tag: `${delivery.type}-${delivery.id}`,
  };
  const urgent = notificationTypeInfo[delivery.type].urgent;
  const answers = [];
  for (const target of targets)
    answers.push({ target, answer: await transport.send(target, payload, { urgent }) });

  const sent = answers.filter((a) => a.answer.kind === "sent");
  const gone = answers.filter((a) => a.answer.kind === "gone").map((a) => a.target.id);
  const transient = answers.find((a) => a.answer.kind === "transient")?.answer as
    | Extract<SendOutcome, { kind: "transient" }>
    | undefined;
  const lastError = answers.map((a) => ("error" in a.answer ? a.answer.error : null)).find(Boolean);
  const outcome: SendOutcome =
    sent.length > 0
      ? { kind: "sent", providerMessageId: `${sent.length} of ${targets.length} browsers` }
      : transient
        ? transient
        : {
            kind: "permanent",
            error: lastError ?? "No browser is subscribed to push any more",
            bounced: false,
          };
  await inTenant(async (scope) => {
    if (gone.length > 0) {
      await scope.db
        .deleteFrom("push_subscriptions")
        .where("tenant_id", "=", scope.tenantId)
        .where("id", "in", gone)
        .execute();
    }
    if (sent.length > 0) {
      await scope.db
        .updateTable("push_subscriptions")
        .set({ last_success_at: new Date() })
        .where("tenant_id", "=", scope.tenantId)
        .where(
          "id",
          "in",
          sent.map((a) => a.target.id),
        )
        .execute();
    }
    await recordSendOutcome(scope, deliveryId, outcome);
  });
  return { result: outcome.kind, outcome };
}
