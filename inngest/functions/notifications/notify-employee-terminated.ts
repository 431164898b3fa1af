import { notifyEmployeeTerminated } from "@/server/notifications/services/notify-employee-terminated";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** employee.terminated -> the tenant's admins hear who is leaving and when. */
export const notifyEmployeeTerminatedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-employee-terminated",
      name: "Notify: employee terminated",
      event: "employee.terminated",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyEmployeeTerminated(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyEmployeeTerminatedFn = createTenantFunction(
  inngest,
  notifyEmployeeTerminatedFunction(deploymentTransports),
);
