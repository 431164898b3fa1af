import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { notifyRequestDecided } from "@/server/portal/requests/services/notify-request-decided";
import { inngest } from "../../client";
import { failUnsent, sendPendingDeliveries } from "../notifications/send-pending-deliveries";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * equipment_request.approved / .declined -> the employee who asked hears the decision (bell, and
 * by default email). Two functions, one per event, sharing the service.
 */
export const notifyRequestApprovedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-request-approved",
      name: "Notify: equipment request approved",
      event: "equipment_request.approved",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyRequestDecided(scope, "approved", event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyRequestDeclinedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-request-declined",
      name: "Notify: equipment request declined",
      event: "equipment_request.declined",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyRequestDecided(scope, "declined", event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyRequestApprovedFn = createTenantFunction(
  inngest,
  notifyRequestApprovedFunction(deploymentTransports),
);
export const notifyRequestDeclinedFn = createTenantFunction(
  inngest,
  notifyRequestDeclinedFunction(deploymentTransports),
);
