import { unblockWaitingSteps } from "@/server/workflows/services/unblock-waiting-steps";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * workflow.completed -> the steps waiting on a workflow of its kind for the same employee can be
 * done (the new hire's procurement completed: the hand-over is unblocked). Idempotent: a step is
 * unblocked once.
 */
export const unblockWaitingStepsFunction = tenantFunction(
  {
    id: "unblock-waiting-steps",
    name: "Unblock steps waiting on a completed workflow",
    event: "workflow.completed",
    retries: 5,
  },
  async ({ event, step, inTenant }) =>
    step.run("unblock-steps", () =>
      inTenant((scope) =>
        unblockWaitingSteps(scope, {
          workflowId: event.entity.id,
          kind: event.data.kind,
          employeeId: event.data.employeeId ?? null,
          assetId: event.data.assetId ?? null,
        }),
      ),
    ),
);

export const unblockWaitingStepsFn = createTenantFunction(inngest, unblockWaitingStepsFunction);
