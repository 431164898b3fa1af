import { applyWorkflowOutcome } from "@/server/workflows/services/apply-workflow-outcome";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * workflow.completed -> the result fed back into assets: a repair puts the asset in stock, an
 * incident sets it by outcome (found: in stock; confirmed lost: retired), a procurement receives
 * its asset into stock, an offboarding flags whatever the leaver still holds as unreturned (lost)
 * and revokes the licence seats they still have. The history of each (asset, licence) names this
 * function and the completion.
 */
export const applyWorkflowOutcomeFunction = tenantFunction(
  {
    id: "apply-workflow-outcome",
    name: "Apply a completed workflow's outcome",
    event: "workflow.completed",
    retries: 5,
  },
  async ({ event, step, inTenant }) =>
    step.run("apply-outcome", () =>
      inTenant((scope) =>
        applyWorkflowOutcome(scope, {
          workflowId: event.entity.id,
          kind: event.data.kind,
          outcome: event.data.outcome,
          employeeId: event.data.employeeId ?? null,
          assetId: event.data.assetId ?? null,
        }),
      ),
    ),
);

export const applyWorkflowOutcomeFn = createTenantFunction(inngest, applyWorkflowOutcomeFunction);
