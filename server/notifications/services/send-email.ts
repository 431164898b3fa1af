import { type EmailProps, renderEmail } from "@/emails/render";
import type { TenantScope } from "../../context";
import { env } from "../../env";
import type { MailTransport, OutgoingEmail, SendOutcome } from "../mailer";
import type { NotificationMessage } from "../message";
import { sentChannels } from "../types";

/** What preparing a delivery found: nothing left to send, stored for preview, or an email to send. */
export type PreparedEmail = { kind: "done" } | { kind: "send"; email: OutgoingEmail };

/**
 * Renders a queued email delivery with the tenant's name and a link back to the app. Without a
 * provider it is stored for the Mail preview and marked sent in this transaction; with one, the
 * caller sends it (outside any transaction) and records the answer with recordSendOutcome. A
 * delivery already sent or failed is not prepared again.
 */
export async function prepareEmail(
  scope: TenantScope,
  deliveryId: string,
  transport: MailTransport,
): Promise<PreparedEmail> {
  const delivery = await scope.db
    .selectFrom("notification_deliveries as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .innerJoin("tenants as t", "t.id", "d.tenant_id")
    .select(["d.id", "d.status", "d.address", "d.data", "u.name as recipientName", "t.name as tenantName"])
    .where("d.tenant_id", "=", scope.tenantId)
    .where("d.id", "=", deliveryId)
    .where("d.channel", "=", "email")
    .forUpdate("d")
    .executeTakeFirst();
  if (!delivery?.address || (delivery.status !== "queued" && delivery.status !== "deferred")) {
    return { kind: "done" };
  }
  const message = delivery.data as NotificationMessage;
  const props = {
    ...message.email,
    tenantName: delivery.tenantName,
    appUrl: env.APP_URL,
    recipientName: delivery.recipientName,
    link: new URL(message.link, env.APP_URL).href,
  } as EmailProps[typeof message.type];
  const rendered = await renderEmail(message.type, props);
  const email = { deliveryId, from: transport.from, to: delivery.address, ...rendered };
  if (transport.kind === "provider") return { kind: "send", email };

  await scope.db
    .insertInto("mail_previews")
    .values({
      tenant_id: scope.tenantId,
      delivery_id: deliveryId,
      type: message.type,
      to_address: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    })
    .execute();
  await recordSendOutcome(scope, deliveryId, { kind: "sent", providerMessageId: "preview" });
  return { kind: "done" };
}

/**
 * Records the provider's answer on deliveries sent together (one, or a digest's items): sent,
 * failed or bounced for good, or still due with the error and the attempt counted when it is
 * worth retrying. A retry goes back to `queued` at once, or stays `deferred` to its due time
 * (the digest's next run).
 */
export async function recordSendOutcome(
  scope: TenantScope,
  deliveries: string | readonly string[],
  outcome: SendOutcome,
  retryAs: "queued" | "deferred" = "queued",
) {
  const ids = typeof deliveries === "string" ? [deliveries] : [...deliveries];
  const base = scope.db
    .updateTable("notification_deliveries")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", ids);
  if (outcome.kind === "sent") {
    await base
      .set((eb) => ({
        status: "sent",
        attempts: eb("attempts", "+", 1),
        provider_message_id: outcome.providerMessageId,
        provider_error: null,
        next_attempt_at: null,
        sent_at: new Date(),
        updated_at: new Date(),
      }))
      .execute();
    return;
  }
  await base
    .set((eb) => ({
      status: outcome.kind === "transient" ? retryAs : outcome.bounced ? "bounced" : "failed",
      attempts: eb("attempts", "+", 1),
      provider_error: outcome.error,
      ...(retryAs === "queued" || outcome.kind !== "transient" ? { next_attempt_at: null } : {}),
      updated_at: new Date(),
    }))
    .execute();
}

/**
 * After a function's last retry: the event's deliveries still unsent (email, text, push) are
 * failed, keeping the provider's last error (or `error` when there was none), so the delivery log
 * shows them and an admin can retry them.
 */
export async function failUnsentDeliveries(scope: TenantScope, eventId: string, error: string) {
  await scope.db
    .updateTable("notification_deliveries")
    .set((eb) => ({
      status: "failed",
      provider_error: eb.fn.coalesce("provider_error", eb.val(error)),
      next_attempt_at: null,
      updated_at: new Date(),
    }))
    .where("tenant_id", "=", scope.tenantId)
    .where("event_id", "=", eventId)
    .where("channel", "in", [...sentChannels])
    .where("status", "in", ["queued", "deferred"])
    .execute();
}
