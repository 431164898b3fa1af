import { createElement } from "react";
import { PasswordResetLinkEmail, passwordResetLinkSubject } from "@/emails/password-reset-link";
import type { InTenant } from "../../context";
import type { Db } from "../../db";
import { emit } from "../../events/emit";
import type { MailTransport, SendOutcome } from "../../notifications/mailer";
import { sendAccountEmail } from "../mail";
import { EMAILED_RESET_MINUTES } from "../reset-link-validity";
import { openPasswordReset, resetLinkUrl } from "../reset-links";

/**
 * Answers a "Forgot password?" request by email: opens a new reset link for the member (their
 * earlier links close) and mails it to their account's address. The token is made here, in the
 * function, so it exists only in the email: never in the request's event, a step's output or a
 * log. Returns the provider's answer, or null when the member or their organization is no longer
 * active (nothing is sent). A send retried after a transient failure makes a fresh link.
 */
export async function sendPasswordResetLink(
  inTenant: InTenant,
  db: Db,
  transport: MailTransport,
  userId: string,
  appUrl: string,
): Promise<SendOutcome | null> {
  const issued = await inTenant(async (scope) => {
    const user = await scope.db
      .selectFrom("users")
      .innerJoin("tenants", "tenants.id", "users.tenant_id")
      .select(["users.id", "users.email", "users.name", "tenants.name as tenant_name"])
      .where("users.tenant_id", "=", scope.tenantId)
      .where("users.id", "=", userId)
      .where("users.status", "=", "active")
      .where("tenants.status", "=", "active")
      .executeTakeFirst();
    if (!user) return null;
    const reset = await openPasswordReset(scope.db, {
      tenantId: scope.tenantId,
      userId: user.id,
      createdBy: null,
      validMs: EMAILED_RESET_MINUTES * 60_000,
    });
    await emit(scope, {
      name: "user.password_reset_link_created",
      entityId: user.id,
      data: { email: user.email, expiresAt: reset.expiresAt.toISOString() },
    });
    return { user, reset };
  });
  if (!issued) return null;
  const { user, reset } = issued;
  const props = {
    tenantName: user.tenant_name,
    appUrl,
    recipientName: user.name,
    link: resetLinkUrl(reset.token, appUrl),
    validMinutes: EMAILED_RESET_MINUTES,
  };
  return sendAccountEmail(db, transport, {
    key: `password-reset/${reset.id}`,
    to: user.email,
    type: "password_reset_link",
    subject: passwordResetLinkSubject(),
    element: createElement(PasswordResetLinkEmail, props),
  });
}
