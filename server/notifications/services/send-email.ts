import { sql } from "kysely";
import { type EmailProps, renderEmail } from "@/emails/render";
import type { InTenant, TenantScope } from "../../context";
import { env } from "../../env";
import { timeSlicer } from "../../heavy-jobs";
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
  const drafts = await unsentEmailDrafts(scope, [deliveryId], { lock: true });
  const [email] = await handOver(scope, await renderDrafts(drafts), transport);
  return email ? { kind: "send", email } : { kind: "done" };
}

/**
 * prepareEmail for a batch (up to Resend's 100) without holding a transaction while the emails
 * render (5-10 ms each, so up to a second for a full batch): the deliveries are read in one short
 * transaction, rendered outside any, then claimed in another, which keeps only those still unsent
 * (a delivery sent meanwhile by a retry is not sent twice). On the embedded database a
 * transaction holds its one connection, so every request would otherwise wait for the rendering.
 */
export async function prepareEmailBatch(
  inTenant: InTenant,
  deliveryIds: readonly string[],
  transport: MailTransport,
): Promise<OutgoingEmail[]> {
  const drafts = await inTenant((scope) => unsentEmailDrafts(scope, deliveryIds, { lock: false }));
  if (drafts.length === 0) return [];
  const rendered = await renderDrafts(drafts);
  return inTenant(async (scope) => {
    const stillUnsent = new Set(
      (await unsentEmailDrafts(scope, deliveryIds, { lock: true })).map((draft) => draft.deliveryId),
    );
    return handOver(
      scope,
      rendered.filter((email) => stillUnsent.has(email.deliveryId)),
      transport,
    );
  });
}

type EmailDraft = {
  deliveryId: string;
  address: string;
  type: NotificationMessage["type"];
  props: EmailProps[NotificationMessage["type"]];
};
/** An email rendered for its delivery; the transport gives its sender when it is handed over. */
type RenderedDraft = Omit<OutgoingEmail, "from"> & { type: NotificationMessage["type"] };

/** The deliveries still queued or deferred, in the order of `deliveryIds`, with their emails' props. */
async function unsentEmailDrafts(
  scope: TenantScope,
  deliveryIds: readonly string[],
  { lock }: { lock: boolean },
): Promise<EmailDraft[]> {
  if (deliveryIds.length === 0) return [];
  const query = scope.db
    .selectFrom("notification_deliveries as d")
    .innerJoin("users as u", "u.id", "d.user_id")
    .innerJoin("tenants as t", "t.id", "d.tenant_id")
    .select(["d.id", "d.status", "d.address", "d.data", "u.name as recipientName", "t.name as tenantName"])
    .where("d.tenant_id", "=", scope.tenantId)
    .where("d.id", "in", [...deliveryIds])
    .where("d.channel", "=", "email")
    .where("d.status", "in", ["queued", "deferred"])
    .where("d.address", "is not", null)
    .orderBy("d.id");
  const rows = await (lock ? query.forUpdate("d") : query).execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return deliveryIds.flatMap((deliveryId) => {
    const delivery = byId.get(deliveryId);
    if (!delivery?.address) return [];
    const message = delivery.data as NotificationMessage;
    const props = {
      ...message.email,
      tenantName: delivery.tenantName,
      appUrl: env.APP_URL,
      recipientName: delivery.recipientName,
      link: new URL(message.link, env.APP_URL).href,
    } as EmailProps[typeof message.type];
    return [{ deliveryId, address: delivery.address, type: message.type, props }];
  });
}

/** Renders each draft, letting people's requests run between two renders. */
async function renderDrafts(drafts: readonly EmailDraft[]): Promise<RenderedDraft[]> {
  const slice = timeSlicer();
  const emails: RenderedDraft[] = [];
  for (const draft of drafts) {
    const rendered = await renderEmail(draft.type, draft.props);
    emails.push({ deliveryId: draft.deliveryId, to: draft.address, type: draft.type, ...rendered });
    await slice();
  }
  return emails;
}

/**
 * The rendered emails of deliveries locked by the caller: returned for the provider to send, or,
 * without one, stored for the Mail preview and marked sent.
 */
async function handOver(
  scope: TenantScope,
  rendered: readonly RenderedDraft[],
  transport: MailTransport,
): Promise<OutgoingEmail[]> {
  const emails = rendered.map((email) => ({ ...email, from: transport.from }));
  if (transport.kind === "provider") return emails.map(({ type: _, ...email }) => email);
  if (emails.length === 0) return [];

  await scope.db
    .insertInto("mail_previews")
    .values(
      emails.map((email) => ({
        tenant_id: scope.tenantId,
        delivery_id: email.deliveryId,
        type: email.type,
        to_address: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
      })),
    )
    .execute();
  await recordSendOutcome(
    scope,
    emails.map((email) => email.deliveryId),
    { kind: "sent", providerMessageId: "preview" },
  );
  return [];
}

/**
 * Records each delivery's own answer from one provider call: the accepted ones, each with its
 * message id, in one statement; the others (rare) as recordSendOutcome records them.
 */
export async function recordSendOutcomes(
  scope: TenantScope,
  answers: readonly { deliveryId: string; outcome: SendOutcome }[],
) {
  const sent = answers.flatMap(({ deliveryId, outcome }) =>
    outcome.kind === "sent" ? [{ deliveryId, messageId: outcome.providerMessageId }] : [],
  );
  if (sent.length > 0) {
    const ids = sent.map((answer) => answer.deliveryId);
    const messageIds = sent.map((answer) => answer.messageId);
    await sql`
      update notification_deliveries d
         set status = 'sent', attempts = d.attempts + 1, provider_message_id = v.message_id,
             provider_error = null, next_attempt_at = null, sent_at = now(), updated_at = now()
        from unnest(${ids}::uuid[], ${messageIds}::text[]) as v(id, message_id)
       where d.tenant_id = ${scope.tenantId} and d.id = v.id`.execute(scope.db);
  }
  for (const { deliveryId, outcome } of answers) {
    if (outcome.kind !== "sent") await recordSendOutcome(scope, deliveryId, outcome);
  }
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
