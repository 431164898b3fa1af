import { notifySignUpAttemptedExisting } from "@/server/notifications/services/notify-sign-up-attempted-existing";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/**
 * user.sign_up_attempted_existing -> the account's owner. Throttled per account: someone hammering
 * the sign-up form with one address sends its owner a few notices an hour, not hundreds.
 */
export const notifySignUpAttemptedExistingFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-sign-up-attempted-existing",
      name: "Notify: sign-up with an existing email",
      event: "user.sign_up_attempted_existing",
      retries: 4,
      rateLimit: { key: "event.data.entity.id", limit: 3, period: "1h" },
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifySignUpAttemptedExisting(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifySignUpAttemptedExistingFn = createTenantFunction(
  inngest,
  notifySignUpAttemptedExistingFunction(deploymentTransports),
);
