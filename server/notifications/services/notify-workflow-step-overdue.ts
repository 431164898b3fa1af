import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { usersAssignedTo } from "../../workflows/assignee-queries";
import { type NotifyResult, notify } from "./notify";

/**
 * workflow.step_overdue -> whoever the step is assigned to: its person, or every active user of
 * its role. A step finished or skipped since the sweep reported it notifies nobody.
 */
export async function notifyWorkflowStepOverdue(
  scope: TenantScope,
  workflowId: string,
  data: EventData<"workflow.step_overdue">,
): Promise<NotifyResult[]> {
  const step = await scope.db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", "w.id", "s.workflow_id")
    .select(["s.title", "s.status", "s.assignee_user_id", "s.assignee_role", "w.title as workflowTitle"])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.id", "=", data.stepId)
    .where("s.workflow_id", "=", workflowId)
    .executeTakeFirst();
  if (!step || (step.status !== "pending" && step.status !== "rejected")) return [];
  const recipients = (await usersAssignedTo(scope.db, scope.tenantId, [step])).keys();
  const dueAt = data.dueAt.slice(0, 10);
  const results: NotifyResult[] = [];
  for (const userId of recipients) {
    results.push(
      await notify(scope, userId, {
        type: "workflow_step_overdue",
        title: `Overdue: ${step.title}`,
        body: `"${step.title}" in ${step.workflowTitle} was due ${dueAt}.`,
        link: `/workflows/${workflowId}`,
        email: { stepTitle: step.title, workflowTitle: step.workflowTitle, dueAt },
      }),
    );
  }
  return results;
}
