import { createElement } from "react";
import { SignUpVerificationEmail, signUpVerificationSubject } from "@/emails/sign-up-verification";
import { type Db, withPlatform } from "../../db";
import type { MailTransport, SendOutcome } from "../../notifications/mailer";
import { sendAccountEmail } from "../mail";
import { newLinkToken } from "../tokens";
import { signUpLinks } from "./sign-up";

/** The page a verification link opens. */
export const verifyLinkUrl = (token: string, appUrl: string) =>
  new URL(`/verify-email/${token}`, appUrl).toString();

/**
 * Mails a pending sign-up its verification link. The token is made here (a retried send makes a
 * new one, the older stops working) and stored only as its SHA-256, so it exists only in the
 * email. Returns the provider's answer, or null when the sign-up is completed, replaced or expired.
 */
export async function sendSignUpVerification(
  db: Db,
  transport: MailTransport,
  pendingId: string,
  appUrl: string,
): Promise<SendOutcome | null> {
  const issued = await withPlatform(db, async (trx) => {
    const { token, tokenHash } = newLinkToken();
    const pending = await trx
      .updateTable("pending_sign_ups")
      .set({ token_hash: tokenHash })
      .where("id", "=", pendingId)
      .where("completed_at", "is", null)
      .where("expires_at", ">", new Date())
      .returning(["email", "name", "organization"])
      .executeTakeFirst();
    return pending && { pending, token, tokenHash };
  });
  if (!issued) return null;
  const { pending, token, tokenHash } = issued;
  const props = {
    tenantName: pending.organization,
    appUrl,
    recipientName: pending.name,
    link: verifyLinkUrl(token, appUrl),
    validHours: signUpLinks.validHours,
  };
  return sendAccountEmail(db, transport, {
    key: `sign-up/${tokenHash.slice(0, 32)}`,
    to: pending.email,
    type: "sign_up_verification",
    subject: signUpVerificationSubject(props),
    element: createElement(SignUpVerificationEmail, props),
  });
}
