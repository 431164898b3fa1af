import { notifyWorkflowCompleted } from "@/server/notifications/services/notify-workflow-completed";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** workflow.completed -> its starter and assignees, but not whoever finished it, hear it is done. */
export const notifyWorkflowCompletedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-completed",
      name: "Notify: workflow completed",
      event: "workflow.completed",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowCompleted(scope, event.entity.id, event.data, event.actor)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowCompletedFn = createTenantFunction(
  inngest,
  notifyWorkflowCompletedFunction(deploymentTransports),
);
