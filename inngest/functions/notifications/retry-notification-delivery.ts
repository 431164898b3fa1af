import { failDelivery } from "@/server/notifications/services/retry-delivery";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { sendDeliveryStep } from "./send-pending-deliveries";

/**
 * notification.delivery_retried (an admin's "Retry" on the failed-deliveries page) -> the delivery
 * is sent again on its channel, with the same backoff as the first time; given up, it is failed
 * again with the provider's last error.
 */
export const retryNotificationDeliveryFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "retry-notification-delivery",
      name: "Notify: send a failed delivery again",
      event: "notification.delivery_retried",
      retries: 4,
      onFailure: ({ event, error, inTenant }) =>
        inTenant((scope) =>
          failDelivery(scope, event.data.deliveryId, `Gave up after retries: ${error.message}`),
        ),
    },
    async ({ event, step, inTenant }) => {
      const result = await sendDeliveryStep(step, inTenant, transports, {
        deliveryId: event.data.deliveryId,
        channel: event.data.channel,
      });
      return { result };
    },
  );

export const retryNotificationDeliveryFn = createTenantFunction(
  inngest,
  retryNotificationDeliveryFunction(deploymentTransports),
);
