import { notifySyncCompleted } from "@/server/integrations/services/notify-sync-completed";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { failUnsent, sendPendingDeliveries } from "../notifications/send-pending-deliveries";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * integration.sync_completed -> the admins who turned this type on hear what the sync created,
 * updated and failed; for everyone else (the default) notify() delivers nothing.
 */
export const notifySyncCompletedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-integration-sync-completed",
      name: "Notify: integration sync completed",
      event: "integration.sync_completed",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifySyncCompleted(scope, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifySyncCompletedFn = createTenantFunction(
  inngest,
  notifySyncCompletedFunction(deploymentTransports),
);
