import { RetryAfterError } from "inngest";
import { sendSignUpVerification } from "@/server/accounts/services/send-sign-up-verification";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { type MailTransport, mailTransport } from "@/server/notifications/mailer";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * user.sign_up_requested -> the verification link in the new address's inbox. Made and sent in one
 * step that returns only whether it went, so the token never reaches the engine's stored state.
 */
export const sendSignUpVerificationFunction = (mail: () => MailTransport) =>
  tenantFunction(
    {
      id: "send-sign-up-verification",
      name: "Email a sign-up confirmation link",
      event: "user.sign_up_requested",
      retries: 4,
    },
    async ({ event, step }) =>
      step.run("email-the-link", async () => {
        const outcome = await sendSignUpVerification(await getDb(), mail(), event.entity.id, env.APP_URL);
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

export const sendSignUpVerificationFn = createTenantFunction(
  inngest,
  sendSignUpVerificationFunction(mailTransport),
);
