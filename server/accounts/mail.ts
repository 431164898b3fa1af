import { render } from "@react-email/components";
import type { ReactElement } from "react";
import { type Db, withPlatform } from "../db";
import { env } from "../env";
import { isLoopbackHost } from "../first-start";
import { type MailTransport, mailTransport, type SendOutcome } from "../notifications/mailer";

/**
 * The kinds of mail about a person's own account, sent to their address whatever their settings,
 * and the installation's operators' alerts (operators belong to no tenant, so no notification
 * delivery reaches them).
 */
export type AccountEmailType =
  | "password_reset_link"
  | "sign_up_verification"
  | "sign_up_attempted_existing"
  | "operator_sync_failed";

export type AccountEmail = {
  /** Keys the send: the provider sends one email however often the same key is sent. */
  key: string;
  to: string;
  type: AccountEmailType;
  subject: string;
  element: ReactElement;
};

/**
 * Sends an email about a person's own account (a reset link, a sign-up's verification) straight
 * to their address: not a notification, so no preference, quiet hours or digest holds it back. With
 * a provider it leaves now and the provider's answer is returned; without one (the embedded default)
 * it is kept in the local outbox (account_mail_outbox), which the outbox page shows while the app
 * listens on loopback. Called after the transaction that made the link has committed.
 */
export async function sendAccountEmail(
  db: Db,
  transport: MailTransport,
  email: AccountEmail,
): Promise<SendOutcome> {
  const [html, text] = await Promise.all([render(email.element), render(email.element, { plainText: true })]);
  if (transport.kind === "provider") {
    return transport.send({
      deliveryId: email.key,
      from: transport.from,
      to: email.to,
      subject: email.subject,
      html,
      text,
    });
  }
  await withPlatform(db, (trx) =>
    trx
      .insertInto("account_mail_outbox")
      .values({ to_address: email.to, type: email.type, subject: email.subject, html, text })
      .execute(),
  );
  return { kind: "sent", providerMessageId: "local-outbox" };
}

/**
 * Whether the local outbox page exists: only with no mail provider (account mail is kept, not
 * sent) and the app listening on loopback, where whoever can open it owns the install. Anywhere
 * else a stranger could read someone's reset link there, so the page answers 404.
 */
export function localOutboxOpen({
  transport = mailTransport(),
  host = env.HOST,
}: {
  transport?: MailTransport;
  host?: string;
} = {}): boolean {
  return transport.kind === "preview" && isLoopbackHost(host);
}

/** The local outbox page of an address's latest email (app/local-outbox/page.tsx). */
export const localOutboxPath = (email: string) => `/local-outbox?to=${encodeURIComponent(email)}`;
