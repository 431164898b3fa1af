import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type Role, roleLabels } from "../../roles";
import { type NotifyResult, notify } from "./notify";

/**
 * workflow.step_escalated -> the people it was escalated to (the assignee's manager, else the
 * workflow's owner, else the admins), told who holds the step and why it came to them. A step
 * finished or skipped before this runs tells nobody: the escalation was overtaken.
 */
export async function notifyWorkflowStepEscalated(
  scope: TenantScope,
  workflowId: string,
  data: EventData<"workflow.step_escalated">,
): Promise<NotifyResult[]> {
  const step = await scope.db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", "w.id", "s.workflow_id")
    .leftJoin("users as u", (join) =>
      join.onRef("u.id", "=", "s.assignee_user_id").onRef("u.tenant_id", "=", "s.tenant_id"),
    )
    .select(["s.title", "s.status", "s.assignee_role", "u.name as assigneeName", "w.title as workflowTitle"])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.id", "=", data.stepId)
    .where("s.workflow_id", "=", workflowId)
    .executeTakeFirst();
  if (!step || (step.status !== "pending" && step.status !== "rejected")) return [];
  const assignee =
    step.assigneeName ?? (step.assignee_role ? roleLabels[step.assignee_role as Role] : "nobody yet");
  const dueAt = data.dueAt.slice(0, 10);
  const results: NotifyResult[] = [];
  for (const userId of data.toUserIds) {
    results.push(
      await notify(scope, userId, {
        type: "workflow_step_escalated",
        title: `Escalated: ${step.title}`,
        body: `"${step.title}" in ${step.workflowTitle} (${assignee}) is ${data.hoursOverdue} hours past its due date.`,
        link: `/workflows/${workflowId}`,
        email: {
          stepTitle: step.title,
          workflowTitle: step.workflowTitle,
          assignee,
          dueAt,
          hoursOverdue: data.hoursOverdue,
          as: data.escalatedTo,
        },
      }),
    );
  }
  return results;
}
