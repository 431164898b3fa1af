import { notifyReceiptDeclined } from "@/server/notifications/services/notify-receipt-declined";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** asset.receipt_declined -> IT staff and admins hear who declined what, and why. */
export const notifyReceiptDeclinedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-receipt-declined",
      name: "Notify: equipment declined",
      event: "asset.receipt_declined",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyReceiptDeclined(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyReceiptDeclinedFn = createTenantFunction(
  inngest,
  notifyReceiptDeclinedFunction(deploymentTransports),
);
