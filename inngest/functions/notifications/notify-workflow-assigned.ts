import { notifyWorkflowAssigned } from "@/server/notifications/services/notify-workflow-assigned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** workflow.created -> each person with a step of the new workflow hears what is theirs, once. */
export const notifyWorkflowAssignedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-assigned",
      name: "Notify: workflow assigned",
      event: "workflow.created",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowAssigned(scope, event.entity.id)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowAssignedFn = createTenantFunction(
  inngest,
  notifyWorkflowAssignedFunction(deploymentTransports),
);
