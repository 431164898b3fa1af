import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { notifyReceiptReminder } from "@/server/portal/receipts/services/notify-receipt-reminder";
import { inngest } from "../../client";
import { failUnsent, sendPendingDeliveries } from "../notifications/send-pending-deliveries";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** asset.receipt_reminded -> the holder is asked (bell, and by default email) to answer the receipt. */
export const notifyReceiptReminderFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-receipt-reminder",
      name: "Notify: receipt reminder",
      event: "asset.receipt_reminded",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyReceiptReminder(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyReceiptReminderFn = createTenantFunction(
  inngest,
  notifyReceiptReminderFunction(deploymentTransports),
);
