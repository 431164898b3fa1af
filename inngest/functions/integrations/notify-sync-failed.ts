import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { notifySyncFailed } from "@/server/integrations/services/notify-sync-failed";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { mailOperatorsSyncFailed } from "@/server/platform/services/mail-operators-sync-failed";
import { inngest } from "../../client";
import { failUnsent, sendPendingDeliveries } from "../notifications/send-pending-deliveries";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * integration.sync_failed -> the tenant's admins hear it in the bell (and by email, by default),
 * with the provider's error, at once even in their quiet hours (the type is urgent); the
 * installation's operators (super admins) by email. The event is emitted once per failed run.
 */
export const notifySyncFailedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-integration-sync-failed",
      name: "Notify: integration sync failed",
      event: "integration.sync_failed",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifySyncFailed(scope, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      await step.run("tell-operators", async () => {
        const transient = await mailOperatorsSyncFailed(await getDb(), transports.mail(), {
          eventId: event.id,
          tenantId: event.tenantId,
          appUrl: env.APP_URL,
          data: event.data,
        });
        if (transient[0]) throw new Error(`Operators' email: ${transient[0].error}`);
      });
      return { notified: results.length };
    },
  );

export const notifySyncFailedFn = createTenantFunction(
  inngest,
  notifySyncFailedFunction(deploymentTransports),
);
