import { notifyWorkflowStepOverdue } from "@/server/notifications/services/notify-workflow-step-overdue";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** workflow.step_overdue -> the step's assignee (or everyone of its role) hears it is overdue. */
export const notifyWorkflowStepOverdueFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-step-overdue",
      name: "Notify: workflow step overdue",
      event: "workflow.step_overdue",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowStepOverdue(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowStepOverdueFn = createTenantFunction(
  inngest,
  notifyWorkflowStepOverdueFunction(deploymentTransports),
);
