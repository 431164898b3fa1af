import type { NotNull } from "kysely";
import { renderDailyDigest } from "@/emails/daily-digest";
import type { InTenant, TenantScope } from "../../context";
import type { Trx } from "../../db";
import { env } from "../../env";
import type { MailTransport, OutgoingEmail, SendOutcome } from "../mailer";
import type { NotificationMessage } from "../message";
import { settingsOf } from "../settings";
import { recordSendOutcome } from "./send-email";

/** The users with digest items due by `now`, per tenant (platform query, for the hourly sweep). */
export async function dueDigests(trx: Trx, now: Date, limit = 5_000) {
  const rows = await trx
    .selectFrom("notification_deliveries")
    .select(["tenant_id", "user_id"])
    .where("channel", "=", "digest")
    .where("status", "=", "deferred")
    .where("next_attempt_at", "<=", now)
    // only chat deliveries have no user (notification_deliveries_recipient_check)
    .$narrowType<{ user_id: NotNull }>()
    .groupBy(["tenant_id", "user_id"])
    .orderBy("tenant_id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ tenantId: row.tenant_id, userId: row.user_id }));
}

type PreparedDigest = { kind: "done" } | { kind: "send"; ids: string[]; email: OutgoingEmail };

const timeIn = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(
    instant,
  );

/**
 * One user's digest: everything due, oldest first, in one email keyed by its first item (the
 * provider's idempotency key, so a repeated send is one email). Without a provider it lands in
 * the mail preview and the items are sent here; with one, the caller sends and records.
 */
async function prepareDigest(
  scope: TenantScope,
  userId: string,
  now: Date,
  transport: MailTransport,
): Promise<PreparedDigest> {
  const items = await scope.db
    .selectFrom("notification_deliveries")
    .select(["id", "data", "created_at", "address"])
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", userId)
    .where("channel", "=", "digest")
    .where("status", "=", "deferred")
    .where("next_attempt_at", "<=", now)
    .orderBy("created_at")
    .orderBy("id")
    .forUpdate()
    .execute();
  const first = items[0];
  if (!first) return { kind: "done" };
  const user = await scope.db
    .selectFrom("users as u")
    .innerJoin("tenants as t", "t.id", "u.tenant_id")
    .select(["u.name", "u.email", "u.status", "t.name as tenantName"])
    .where("u.tenant_id", "=", scope.tenantId)
    .where("u.id", "=", userId)
    .executeTakeFirstOrThrow();
  const ids = items.map((item) => item.id);
  if (user.status !== "active") {
    await recordSendOutcome(
      scope,
      ids,
      {
        kind: "permanent",
        error: "The recipient's account is deactivated",
        bounced: false,
      },
      "deferred",
    );
    return { kind: "done" };
  }
  const { digestTimeZone } = await settingsOf(scope.db, scope.tenantId, userId);
  const rendered = await renderDailyDigest({
    tenantName: user.tenantName,
    appUrl: env.APP_URL,
    recipientName: user.name,
    dayLabel: new Intl.DateTimeFormat("en-GB", {
      timeZone: digestTimeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
    }).format(now),
    items: items.map((item) => {
      const message = item.data as NotificationMessage;
      return {
        title: message.title,
        body: message.body,
        link: new URL(message.link, env.APP_URL).href,
        at: timeIn(item.created_at, digestTimeZone),
      };
    }),
  });
  const email = { deliveryId: first.id, from: transport.from, to: user.email, ...rendered };
  if (transport.kind === "provider") return { kind: "send", ids, email };
  await scope.db
    .insertInto("mail_previews")
    .values({
      tenant_id: scope.tenantId,
      delivery_id: first.id,
      type: "daily_digest",
      to_address: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    })
    .execute();
  await recordSendOutcome(scope, ids, { kind: "sent", providerMessageId: "preview" }, "deferred");
  return { kind: "done" };
}

/**
 * Sends one user's due digest: prepared in one transaction, sent outside any, recorded in another.
 * Returns the outcome so the calling step throws on a transient one and is retried.
 */
export async function sendDigest(
  inTenant: InTenant,
  transport: MailTransport,
  userId: string,
  now: Date,
): Promise<{ items: number; outcome: SendOutcome | null }> {
  const prepared = await inTenant((scope) => prepareDigest(scope, userId, now, transport));
  if (prepared.kind === "done" || transport.kind !== "provider") return { items: 0, outcome: null };
  const outcome = await transport.send(prepared.email);
  await inTenant((scope) => recordSendOutcome(scope, prepared.ids, outcome, "deferred"));
  return { items: prepared.ids.length, outcome };
}
