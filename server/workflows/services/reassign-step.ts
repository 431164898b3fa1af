import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertStepOpen } from "../lifecycle";
import { lockStep } from "../queries";
import type { ReassignStepInput, StepActionResult } from "../schemas";

/** Gives an open step to another person of the organization, or to everyone with a role. */
export async function reassignStep(scope: TenantScope, input: ReassignStepInput): Promise<StepActionResult> {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, input.stepId);
  assertStepOpen({
    title: step.title,
    status: step.status,
    needsApproval: step.needs_approval,
    workflowStatus: workflow.status,
  });
  const { assignee } = input;
  if (assignee.type === "user") {
    const user = await scope.db
      .selectFrom("users")
      .select("id")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", assignee.userId)
      .where("deactivated_at", "is", null)
      .executeTakeFirst();
    if (!user) {
      throw new AppError("NOT_FOUND", "That person has no active account in this organization.", {
        field: "assignee",
      });
    }
  }
  const toUserId = assignee.type === "user" ? assignee.userId : null;
  const toRole = assignee.type === "role" ? assignee.role : null;
  await scope.db
    .updateTable("workflow_steps")
    .set({ assignee_user_id: toUserId, assignee_role: toRole, updated_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  await emit(scope, {
    name: "workflow.step_reassigned",
    entityId: workflow.id,
    data: { stepId: step.id, step: step.title, toUserId, toRole },
  });
  return { workflowId: workflow.id, status: workflow.status };
}
