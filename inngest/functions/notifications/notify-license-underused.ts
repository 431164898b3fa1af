import { notifyLicenseUnderused } from "@/server/notifications/services/notify-license-underused";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** license.underused -> admins and IT staff hear how many seats of which licence sit idle. */
export const notifyLicenseUnderusedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-license-underused",
      name: "Notify: licence under-used",
      event: "license.underused",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyLicenseUnderused(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyLicenseUnderusedFn = createTenantFunction(
  inngest,
  notifyLicenseUnderusedFunction(deploymentTransports),
);
