import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { isWorkflowOpen } from "../lifecycle";
import { lockStep } from "../queries";

/**
 * Reports a step overdue (`workflow.step_overdue`) once: only while it is still open, past due
 * and not yet reported, checked under the step's lock, so two sweeps never report it twice.
 * Returns whether it reported.
 */
export async function reportOverdueStep(scope: TenantScope, stepId: string) {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, stepId);
  const open = (step.status === "pending" || step.status === "rejected") && isWorkflowOpen(workflow.status);
  const due = step.due_at ? new Date(step.due_at) : null;
  if (!open || !due || due > new Date() || step.overdue_notified_at) return false;
  await scope.db
    .updateTable("workflow_steps")
    .set({ overdue_notified_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  await emit(scope, {
    name: "workflow.step_overdue",
    entityId: workflow.id,
    data: { stepId: step.id, step: step.title, dueAt: due.toISOString() },
  });
  return true;
}
