import { notifyPasswordResetRequested } from "@/server/notifications/services/notify-password-reset-requested";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/**
 * user.password_reset_requested -> the tenant's admins. The event is emitted once per pending
 * request (a second request while one is pending emits nothing), so admins hear once per person.
 */
export const notifyPasswordResetRequestedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-password-reset-requested",
      name: "Notify: password reset requested",
      event: "user.password_reset_requested",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyPasswordResetRequested(scope, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyPasswordResetRequestedFn = createTenantFunction(
  inngest,
  notifyPasswordResetRequestedFunction(deploymentTransports),
);
