import { notifyWarrantiesExpiring } from "@/server/notifications/services/notify-warranties-expiring";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/**
 * asset.warranties_expiring -> IT staff and admins get one notice of the day's warranties ending
 * within 30 (or 7) days, in the bell and by email, however many assets it lists.
 */
export const notifyWarrantiesExpiringFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-warranties-expiring",
      name: "Notify: warranties expiring",
      event: "asset.warranties_expiring",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWarrantiesExpiring(scope, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWarrantiesExpiringFn = createTenantFunction(
  inngest,
  notifyWarrantiesExpiringFunction(deploymentTransports),
);
