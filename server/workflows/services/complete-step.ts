import { sql } from "kysely";
import { actingUserId, type TenantScope, type UserScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertMayActOn } from "../access";
import { assertCanComplete, assertNotWaiting } from "../lifecycle";
import { settleWorkflow } from "../progress";
import { lockStep } from "../queries";
import type { CompleteStepInput, StepAction, StepActionResult, WorkflowKind } from "../schemas";
import { runStepAction } from "../step-actions";
import { startAutomatedWorkflow } from "./start-automated-workflow";

async function assertEvidenceFile(scope: TenantScope, fileId: string) {
  const file = await scope.db
    .selectFrom("files")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", fileId)
    .where("status", "<>", "deleted")
    .executeTakeFirst();
  if (!file)
    throw new AppError("NOT_FOUND", "That evidence file does not exist; upload it again.", {
      field: "evidenceFileId",
    });
}

/**
 * Marks a step done, with the evidence and outcome it asks for, runs its completion action (return
 * the asset, ...), starts the workflow it chains to, and completes the workflow when it was the
 * last step. A step waiting on another workflow is refused until that one completed.
 */
export async function completeStep(
  scope: TenantScope | UserScope,
  input: CompleteStepInput,
): Promise<StepActionResult> {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, input.stepId);
  const access = {
    title: step.title,
    status: step.status,
    assigneeUserId: step.assignee_user_id,
    assigneeRole: step.assignee_role,
    needsApproval: step.needs_approval,
  };
  assertCanComplete({ ...access, workflowStatus: workflow.status });
  assertMayActOn(scope, access);
  assertNotWaiting({
    title: step.title,
    waitsForKind: step.waits_for_kind,
    unblockedByWorkflowId: step.unblocked_by_workflow_id,
  });
  if (step.needs_evidence && !input.evidenceFileId) {
    throw new AppError("BAD_REQUEST", `"${step.title}" needs evidence: attach a file or photo.`, {
      field: "evidenceFileId",
    });
  }
  if (input.evidenceFileId) await assertEvidenceFile(scope, input.evidenceFileId);
  if (step.outcomes && !(input.outcome && step.outcomes.includes(input.outcome))) {
    throw new AppError("BAD_REQUEST", `Choose how "${step.title}" ended: ${step.outcomes.join(" or ")}.`, {
      field: "outcome",
    });
  }
  if (!step.outcomes && input.outcome) {
    throw new AppError("BAD_REQUEST", `"${step.title}" has no outcome to choose.`, { field: "outcome" });
  }

  if (step.action) {
    await runStepAction(scope, {
      title: step.title,
      action: step.action as StepAction,
      assetId: step.asset_id,
      licenseId: step.license_id,
      employeeId: workflow.employee_id,
      notes: input.notes ?? null,
    });
  }
  await scope.db
    .updateTable("workflow_steps")
    .set({
      status: "completed",
      completed_by: actingUserId(scope.actor),
      completed_by_label: scope.actor.label,
      completed_at: sql`now()`,
      evidence_file_id: input.evidenceFileId ?? null,
      reason: input.notes ?? null,
      updated_at: sql`now()`,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  if (input.outcome) {
    await scope.db
      .updateTable("workflows")
      .set({ outcome: input.outcome })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", workflow.id)
      .execute();
  }
  const completed = await emit(scope, {
    name: "workflow.step_completed",
    entityId: workflow.id,
    data: {
      stepId: step.id,
      step: step.title,
      ...(input.outcome ? { outcome: input.outcome } : {}),
      ...(input.evidenceFileId ? { evidenceFileId: input.evidenceFileId } : {}),
      ...(input.notes ? { notes: input.notes } : {}),
    },
  });
  if (step.starts_kind) {
    // The next workflow (a procurement for the new hire's laptop), once: its trigger is this
    // completion, and a step completes once.
    await startAutomatedWorkflow(scope, {
      kind: step.starts_kind as WorkflowKind,
      employeeId: workflow.employee_id,
      assetId: workflow.asset_id,
      triggerEventId: completed.id,
    });
  }
  const status = await settleWorkflow(scope, { ...workflow, outcome: input.outcome ?? workflow.outcome });
  return { workflowId: workflow.id, status };
}
