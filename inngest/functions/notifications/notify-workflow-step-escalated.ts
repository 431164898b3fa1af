import { notifyWorkflowStepEscalated } from "@/server/notifications/services/notify-workflow-step-escalated";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** workflow.step_escalated -> the manager, owner or admins it went to hear about the late step. */
export const notifyWorkflowStepEscalatedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-step-escalated",
      name: "Notify: workflow step escalated",
      event: "workflow.step_escalated",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowStepEscalated(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowStepEscalatedFn = createTenantFunction(
  inngest,
  notifyWorkflowStepEscalatedFunction(deploymentTransports),
);
