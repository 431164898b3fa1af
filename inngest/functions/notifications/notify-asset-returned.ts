import { notifyAssetReturned } from "@/server/notifications/services/notify-asset-returned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** asset.returned -> the employee who handed it back hears it was checked in. */
export const notifyAssetReturnedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-asset-returned",
      name: "Notify: asset returned",
      event: "asset.returned",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyAssetReturned(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyAssetReturnedFn = createTenantFunction(
  inngest,
  notifyAssetReturnedFunction(deploymentTransports),
);
