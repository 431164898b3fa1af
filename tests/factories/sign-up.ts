import { latestOutboxEmail } from "@/server/accounts/queries";
import type { SignUpInput } from "@/server/accounts/schemas";
import { completeSignUp } from "@/server/accounts/services/complete-sign-up";
import { sendSignUpVerification } from "@/server/accounts/services/send-sign-up-verification";
import { signUp } from "@/server/accounts/services/sign-up";
import { type Db, withPlatform } from "@/server/db";
import type { MailTransport } from "@/server/notifications/mailer";

const outbox: MailTransport = { kind: "preview", from: "Assetronics <it@example.test>" };

/** The token of the newest confirmation link mailed (to the local outbox) for a pending sign-up of `email`. */
export async function mailSignUpLink(db: Db, email: string): Promise<string> {
  const address = email.trim().toLowerCase();
  const pending = await withPlatform(db, (trx) =>
    trx
      .selectFrom("pending_sign_ups")
      .select("id")
      .where("email", "=", address)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow(),
  );
  await sendSignUpVerification(db, outbox, pending.id, "http://localhost:3000");
  const mail = await withPlatform(db, (trx) => latestOutboxEmail(trx, address));
  const token = /\/verify-email\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no confirmation link mailed to ${address}`);
  return token;
}

/**
 * A sign-up as a person makes it: the form, the emailed link (sent as the function would, to the
 * local outbox) and its confirmation. Returns the organization's first admin.
 */
export async function signUpAndConfirm(db: Db, input: SignUpInput, ip: string, locale: string | null = null) {
  await signUp(db, input, ip, locale);
  return completeSignUp(db, await mailSignUpLink(db, input.email));
}
