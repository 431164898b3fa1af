import { notifyLicenseExpiring } from "@/server/notifications/services/notify-license-expiring";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** license.expiring -> admins and IT staff hear which licence expires when, and how many hold it. */
export const notifyLicenseExpiringFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-license-expiring",
      name: "Notify: licence expiring",
      event: "license.expiring",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyLicenseExpiring(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyLicenseExpiringFn = createTenantFunction(
  inngest,
  notifyLicenseExpiringFunction(deploymentTransports),
);
