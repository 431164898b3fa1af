import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";

type CompletedWorkflow = {
  workflowId: string;
  kind: string;
  employeeId: string | null;
  assetId: string | null;
};

/**
 * A workflow completed -> the open steps of other open workflows about the same employee (or, for
 * workflows without one, the same asset) that wait on its kind are unblocked by it, each with
 * `workflow.step_unblocked` in its workflow's history. Steps already unblocked are left alone, so
 * a retried run unblocks nothing twice. Returns the steps it unblocked.
 */
export async function unblockWaitingSteps(scope: TenantScope, completed: CompletedWorkflow) {
  const { db, tenantId } = scope;
  if (!completed.employeeId && !completed.assetId) return { unblocked: [] };
  const waiting = await db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", (join) =>
      join.onRef("w.id", "=", "s.workflow_id").onRef("w.tenant_id", "=", "s.tenant_id"),
    )
    .select(["s.id", "s.title", "s.workflow_id"])
    .where("s.tenant_id", "=", tenantId)
    .where("s.waits_for_kind", "=", completed.kind)
    .where("s.unblocked_by_workflow_id", "is", null)
    .where("s.status", "in", ["pending", "rejected"])
    .where("w.status", "in", ["pending", "in_progress", "blocked"])
    .where("w.id", "<>", completed.workflowId)
    .where((eb) =>
      completed.employeeId
        ? eb("w.employee_id", "=", completed.employeeId)
        : eb.and([eb("w.employee_id", "is", null), eb("w.asset_id", "=", completed.assetId)]),
    )
    .orderBy("s.workflow_id")
    .orderBy("s.position")
    // Only the steps, as lockStep takes them first: a person completing one meanwhile waits.
    .modifyEnd(sql`for update of s`)
    .execute();
  for (const step of waiting) {
    await db
      .updateTable("workflow_steps")
      .set({ unblocked_by_workflow_id: completed.workflowId })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", step.id)
      .execute();
    await emit(scope, {
      name: "workflow.step_unblocked",
      entityId: step.workflow_id,
      data: { stepId: step.id, step: step.title, byWorkflowId: completed.workflowId, kind: completed.kind },
    });
  }
  return { unblocked: waiting.map((step) => step.id) };
}
