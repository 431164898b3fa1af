import { sql } from "kysely";
import { actingUserId, type TenantScope, type UserScope } from "../../context";
import { emit } from "../../events/emit";
import { assertStepOpen } from "../lifecycle";
import { settleWorkflow } from "../progress";
import { lockStep } from "../queries";
import type { SkipStepInput, StepActionResult } from "../schemas";

/**
 * Skips a step with the reason why (its completion action does not run). Skipping a rejected
 * approval is how staff unblock a workflow they decide to go on with anyway.
 */
export async function skipStep(
  scope: TenantScope | UserScope,
  input: SkipStepInput,
): Promise<StepActionResult> {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, input.stepId);
  assertStepOpen({
    title: step.title,
    status: step.status,
    needsApproval: step.needs_approval,
    workflowStatus: workflow.status,
  });
  await scope.db
    .updateTable("workflow_steps")
    .set({
      status: "skipped",
      reason: input.reason,
      completed_by: actingUserId(scope.actor),
      completed_by_label: scope.actor.label,
      completed_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  await emit(scope, {
    name: "workflow.step_skipped",
    entityId: workflow.id,
    data: { stepId: step.id, step: step.title, reason: input.reason },
  });
  return { workflowId: workflow.id, status: await settleWorkflow(scope, workflow) };
}
