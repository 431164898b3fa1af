import type { Actor, EventData } from "@/inngest/events";
import { actingUserId, type TenantScope } from "../../context";
import { usersAssignedTo } from "../../workflows/assignee-queries";
import { type NotifyResult, notify } from "./notify";

/**
 * workflow.completed -> whoever started the workflow by hand (`started_by`, the user behind its
 * workflow.created; automation starts workflows with no one) and everyone who had a step of it
 * (its person, or every active user of its role), once each. Not whoever finished the last step:
 * they just did it.
 */
export async function notifyWorkflowCompleted(
  scope: TenantScope,
  workflowId: string,
  data: EventData<"workflow.completed">,
  actor: Actor,
): Promise<NotifyResult[]> {
  const workflow = await scope.db
    .selectFrom("workflows")
    .select(["title", "started_by"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", workflowId)
    .executeTakeFirst();
  if (!workflow) return [];
  const steps = await scope.db
    .selectFrom("workflow_steps")
    .select(["assignee_user_id", "assignee_role"])
    .where("tenant_id", "=", scope.tenantId)
    .where("workflow_id", "=", workflowId)
    .orderBy("position")
    .execute();
  const assignees = (await usersAssignedTo(scope.db, scope.tenantId, steps)).keys();
  const recipients = new Set([...(workflow.started_by ? [workflow.started_by] : []), ...assignees]);
  recipients.delete(actingUserId(actor) ?? "");
  const outcome = data.outcome ? data.outcome.replaceAll("_", " ") : null;
  const results: NotifyResult[] = [];
  for (const userId of recipients) {
    results.push(
      await notify(scope, userId, {
        type: "workflow_completed",
        title: `Completed: ${workflow.title}${outcome ? ` (${outcome})` : ""}`,
        body: `Every step of ${workflow.title} is done${outcome ? `: ${outcome}` : ""}.`,
        link: `/workflows/${workflowId}`,
        email: { workflowTitle: workflow.title, outcome },
      }),
    );
  }
  return results;
}
