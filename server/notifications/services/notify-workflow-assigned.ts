import type { TenantScope } from "../../context";
import { usersAssignedTo } from "../../workflows/assignee-queries";
import { type NotifyResult, notify } from "./notify";

const stepsAreYours = (count: number) => (count === 1 ? "1 step is yours" : `${count} steps are yours`);

/**
 * workflow.created -> everyone the new workflow gives an open step (its person, or every active
 * user of its role), once each however many steps are theirs, told how many and whether one
 * waits on their approval. Whoever started it hears nothing unless a step is theirs: they know.
 */
export async function notifyWorkflowAssigned(
  scope: TenantScope,
  workflowId: string,
): Promise<NotifyResult[]> {
  const steps = await scope.db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", "w.id", "s.workflow_id")
    .select([
      "s.title",
      "s.assignee_user_id",
      "s.assignee_role",
      "s.needs_approval",
      "s.due_at",
      "w.title as workflowTitle",
    ])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.workflow_id", "=", workflowId)
    .where("s.status", "in", ["pending", "rejected"])
    .where("w.status", "not in", ["completed", "cancelled"])
    .orderBy("s.position")
    .execute();
  const workflowTitle = steps[0]?.workflowTitle ?? "";
  const results: NotifyResult[] = [];
  for (const [userId, theirs] of await usersAssignedTo(scope.db, scope.tenantId, steps)) {
    const approvals = theirs.filter((step) => step.needs_approval !== null).map((step) => `"${step.title}"`);
    results.push(
      await notify(scope, userId, {
        type: "workflow_assigned",
        title: `New workflow: ${workflowTitle}`,
        body: `${stepsAreYours(theirs.length)}.${approvals.length > 0 ? ` Approval required: ${approvals.join(", ")}.` : ""}`,
        link: `/workflows/${workflowId}`,
        email: {
          workflowTitle,
          steps: theirs.map((step) => ({
            title: step.title,
            approval: step.needs_approval !== null,
            dueAt: step.due_at ? step.due_at.toISOString().slice(0, 10) : null,
          })),
        },
      }),
    );
  }
  return results;
}
