import { notifyAssetAssigned } from "@/server/notifications/services/notify-asset-assigned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/**
 * asset.assigned -> the employee hears of it in the bell and by email. The transports are
 * a parameter so tests point them at the local fakes.
 */
export const notifyAssetAssignedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-asset-assigned",
      name: "Notify: asset assigned",
      event: "asset.assigned",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyAssetAssigned(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyAssetAssignedFn = createTenantFunction(
  inngest,
  notifyAssetAssignedFunction(deploymentTransports),
);
