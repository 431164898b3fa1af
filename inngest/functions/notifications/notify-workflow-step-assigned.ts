import {
  notifyWorkflowStepAssigned,
  notifyWorkflowStepUnblocked,
} from "@/server/notifications/services/notify-workflow-step-assigned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/** workflow.step_reassigned -> the step's new assignee (or everyone of its role) hears it is theirs. */
export const notifyWorkflowStepAssignedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-step-assigned",
      name: "Notify: workflow step assigned",
      event: "workflow.step_reassigned",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowStepAssigned(scope, event.entity.id, event.data, event.actor)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowStepAssignedFn = createTenantFunction(
  inngest,
  notifyWorkflowStepAssignedFunction(deploymentTransports),
);

/** workflow.step_unblocked -> the step's assignees hear it can be done now. */
export const notifyWorkflowStepUnblockedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-workflow-step-unblocked",
      name: "Notify: workflow step ready",
      event: "workflow.step_unblocked",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyWorkflowStepUnblocked(scope, event.entity.id, event.data)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyWorkflowStepUnblockedFn = createTenantFunction(
  inngest,
  notifyWorkflowStepUnblockedFunction(deploymentTransports),
);
