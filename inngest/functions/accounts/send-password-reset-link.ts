import { RetryAfterError } from "inngest";
import { sendPasswordResetLink } from "@/server/accounts/services/send-password-reset-link";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { type MailTransport, mailTransport } from "@/server/notifications/mailer";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * user.password_reset_requested -> a reset link in the person's inbox. The link is made and sent
 * in one step, and the step returns only whether it went: the token never reaches the engine's
 * stored state. A transient provider failure retries the step, which makes a fresh link (the
 * unsent one closes); the request's rate limits bound how many of these run per person.
 */
export const sendPasswordResetLinkFunction = (mail: () => MailTransport) =>
  tenantFunction(
    {
      id: "send-password-reset-link",
      name: "Email a password reset link",
      event: "user.password_reset_requested",
      retries: 4,
    },
    async ({ event, step, inTenant }) =>
      step.run("email-the-link", async () => {
        const outcome = await sendPasswordResetLink(
          inTenant,
          await getDb(),
          mail(),
          event.entity.id,
          env.APP_URL,
        );
        if (outcome?.kind === "transient") {
          if (outcome.retryAfterMs !== null) throw new RetryAfterError(outcome.error, outcome.retryAfterMs);
          throw new Error(outcome.error);
        }
        return {
          sent: outcome?.kind === "sent",
          error: outcome?.kind === "permanent" ? outcome.error : null,
        };
      }),
  );

export const sendPasswordResetLinkFn = createTenantFunction(
  inngest,
  sendPasswordResetLinkFunction(mailTransport),
);
