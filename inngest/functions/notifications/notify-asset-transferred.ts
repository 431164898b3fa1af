import { notifyAssetTransferred } from "@/server/notifications/services/notify-asset-transferred";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** asset.transferred -> the new holder and the old one each hear it in their own words. */
export const notifyAssetTransferredFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-asset-transferred",
      name: "Notify: asset transferred",
      event: "asset.transferred",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyAssetTransferred(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyAssetTransferredFn = createTenantFunction(
  inngest,
  notifyAssetTransferredFunction(deploymentTransports),
);
