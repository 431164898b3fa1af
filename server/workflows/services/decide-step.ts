import { sql } from "kysely";
import { actingUserId, type TenantScope, type UserScope } from "../../context";
import { emit } from "../../events/emit";
import { assertMayActOn } from "../access";
import { assertCanDecide, assertNotWaiting } from "../lifecycle";
import { settleWorkflow } from "../progress";
import { lockStep } from "../queries";
import type { ApproveStepInput, RejectStepInput, StepActionResult } from "../schemas";

type Decision =
  | { decision: "approved"; input: ApproveStepInput }
  | { decision: "rejected"; input: RejectStepInput };

/**
 * Approves or rejects an approval step, by its approving role (or an admin). A rejection blocks
 * the workflow until the step is approved after all, or skipped.
 */
async function decideStep(
  scope: TenantScope | UserScope,
  { decision, input }: Decision,
): Promise<StepActionResult> {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, input.stepId);
  const access = {
    title: step.title,
    status: step.status,
    assigneeUserId: step.assignee_user_id,
    assigneeRole: step.assignee_role,
    needsApproval: step.needs_approval,
  };
  assertCanDecide({ ...access, workflowStatus: workflow.status }, decision);
  assertMayActOn(scope, access);
  if (decision === "approved") {
    assertNotWaiting({
      title: step.title,
      waitsForKind: step.waits_for_kind,
      unblockedByWorkflowId: step.unblocked_by_workflow_id,
    });
  }
  const reason = decision === "rejected" ? input.reason : (input.comment ?? null);
  await scope.db
    .updateTable("workflow_steps")
    .set({
      status: decision,
      reason,
      completed_by: actingUserId(scope.actor),
      completed_by_label: scope.actor.label,
      completed_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  if (decision === "rejected") {
    await emit(scope, {
      name: "workflow.step_rejected",
      entityId: workflow.id,
      data: { stepId: step.id, step: step.title, reason: input.reason },
    });
  } else {
    await emit(scope, {
      name: "workflow.step_approved",
      entityId: workflow.id,
      data: { stepId: step.id, step: step.title, ...(input.comment ? { comment: input.comment } : {}) },
    });
  }
  return { workflowId: workflow.id, status: await settleWorkflow(scope, workflow) };
}

export const approveStep = (scope: TenantScope | UserScope, input: ApproveStepInput) =>
  decideStep(scope, { decision: "approved", input });

export const rejectStep = (scope: TenantScope | UserScope, input: RejectStepInput) =>
  decideStep(scope, { decision: "rejected", input });
