import { type SqlBool, sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";

/** Who a workflow is about: an employee, else (a workflow about no one) an asset. */
type Subject = { employeeId: string | null; assetId: string | null };

type CompletedWorkflow = Subject & { workflowId: string; kind: string };

/**
 * The workflows (aliased `w`) about the same subject: the same employee, else the same asset among
 * workflows about no employee. The one rule both directions of the wait follow.
 */
const aboutSameSubject = (subject: Subject) =>
  subject.employeeId
    ? sql<SqlBool>`w.employee_id = ${subject.employeeId}`
    : sql<SqlBool>`w.employee_id is null and w.asset_id = ${subject.assetId}`;

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
    .where(aboutSameSubject(completed))
    .orderBy("s.workflow_id")
    .orderBy("s.position")
    // Only the steps, as lockStep takes them first: a person completing one meanwhile waits.
    .modifyEnd(sql`for update of s`)
    .execute();
  for (const step of waiting) await markUnblocked(scope, step, completed);
  return { unblocked: waiting.map((step) => step.id) };
}

/**
 * How recently a workflow must have completed to unblock a step of a workflow started after it:
 * the laptop procured last week serves the onboarding starting today, the one of two years ago
 * (a rehire's old laptop) does not.
 */
export const EARLIER_COMPLETION_DAYS = 30;

/**
 * A workflow just started -> each of its steps waiting on a kind is unblocked at once by a workflow
 * of that kind about the same employee (else the same asset) that already completed within
 * EARLIER_COMPLETION_DAYS (the latest such), with `workflow.step_unblocked` in its history: the
 * laptop's procurement finished before the onboarding began. Without this, only a later completion
 * could unblock it, and none would come.
 */
export async function unblockByEarlierCompletions(
  scope: TenantScope,
  started: Subject & { workflowId: string },
) {
  const { db, tenantId } = scope;
  if (!started.employeeId && !started.assetId) return { unblocked: [] };
  const waiting = await db
    .selectFrom("workflow_steps")
    .select(["id", "title", "workflow_id", "waits_for_kind"])
    .where("tenant_id", "=", tenantId)
    .where("workflow_id", "=", started.workflowId)
    .where("waits_for_kind", "is not", null)
    .where("unblocked_by_workflow_id", "is", null)
    .orderBy("position")
    .execute();
  const unblocked: string[] = [];
  for (const step of waiting) {
    const kind = step.waits_for_kind ?? "";
    const earlier = await db
      .selectFrom("workflows as w")
      .select("w.id")
      .where("w.tenant_id", "=", tenantId)
      .where("w.kind", "=", kind)
      .where("w.status", "=", "completed")
      .where("w.id", "<>", started.workflowId)
      .where("w.completed_at", ">=", sql<Date>`now() - make_interval(days => ${EARLIER_COMPLETION_DAYS})`)
      .where(aboutSameSubject(started))
      .orderBy("w.completed_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!earlier) continue;
    await markUnblocked(scope, step, { workflowId: earlier.id, kind });
    unblocked.push(step.id);
  }
  return { unblocked };
}

async function markUnblocked(
  scope: TenantScope,
  step: { id: string; title: string; workflow_id: string },
  by: { workflowId: string; kind: string },
) {
  await scope.db
    .updateTable("workflow_steps")
    .set({ unblocked_by_workflow_id: by.workflowId })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  await emit(scope, {
    name: "workflow.step_unblocked",
    entityId: step.workflow_id,
    data: { stepId: step.id, step: step.title, byWorkflowId: by.workflowId, kind: by.kind },
  });
}
