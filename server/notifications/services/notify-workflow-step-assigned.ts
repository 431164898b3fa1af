import type { Actor, EventData } from "@/inngest/events";
import { actingUserId, type TenantScope } from "../../context";
import { usersAssignedTo } from "../../workflows/assignee-queries";
import { type NotifyResult, notify } from "./notify";

/**
 * workflow.step_reassigned -> the step's new assignee (the person, or every active user of the
 * role), never whoever handed it over. A step done since, or reassigned again (that later event
 * tells its own assignee), or in a workflow no longer open, notifies nobody.
 */
export async function notifyWorkflowStepAssigned(
  scope: TenantScope,
  workflowId: string,
  data: EventData<"workflow.step_reassigned">,
  actor: Actor,
): Promise<NotifyResult[]> {
  const step = await openStep(scope, workflowId, data.stepId);
  if (!step) return [];
  const stillTheirs =
    step.assignee_user_id === (data.toUserId ?? null) && step.assignee_role === (data.toRole ?? null);
  if (!stillTheirs) return [];
  const reassigner = actingUserId(actor);
  const assignedBy = reassigner
    ? await scope.db
        .selectFrom("users")
        .select("name")
        .where("tenant_id", "=", scope.tenantId)
        .where("id", "=", reassigner)
        .executeTakeFirst()
    : undefined;
  return noticeToAssignees(scope, workflowId, step, {
    skipUserId: reassigner,
    title: (approval) => `${approval ? "Approval required" : "Assigned to you"}: ${step.title}`,
    body: (dueAt) => `"${step.title}" in ${step.workflowTitle}${dueAt ? `, due ${dueAt}` : ""}.`,
    assignedBy: assignedBy?.name ?? null,
    readyBecause: null,
  });
}

/**
 * workflow.step_unblocked -> the step's assignees hear it can be done now: the workflow it waited
 * on (the laptop's procurement, for the onboarding's hand-over) is completed. A step done or
 * skipped meanwhile, or in a workflow no longer open, notifies nobody.
 */
export async function notifyWorkflowStepUnblocked(
  scope: TenantScope,
  workflowId: string,
  data: EventData<"workflow.step_unblocked">,
): Promise<NotifyResult[]> {
  const step = await openStep(scope, workflowId, data.stepId);
  if (!step) return [];
  const readyBecause = `the ${data.kind.replaceAll("_", " ")} it waited on is completed`;
  return noticeToAssignees(scope, workflowId, step, {
    skipUserId: null,
    title: () => `Ready for you: ${step.title}`,
    body: (dueAt) =>
      `"${step.title}" in ${step.workflowTitle} can be done now: ${readyBecause}${dueAt ? `. Due ${dueAt}` : ""}.`,
    assignedBy: null,
    readyBecause,
  });
}

type OpenStep = NonNullable<Awaited<ReturnType<typeof openStep>>>;

/** A workflow_step_assigned notice to each of the step's assignees (but `skipUserId`). */
async function noticeToAssignees(
  scope: TenantScope,
  workflowId: string,
  step: OpenStep,
  notice: {
    skipUserId: string | null;
    title: (approval: boolean) => string;
    body: (dueAt: string | null) => string;
    assignedBy: string | null;
    readyBecause: string | null;
  },
): Promise<NotifyResult[]> {
  const approval = step.needs_approval !== null;
  const dueAt = step.due_at ? step.due_at.toISOString().slice(0, 10) : null;
  const results: NotifyResult[] = [];
  for (const userId of (await usersAssignedTo(scope.db, scope.tenantId, [step])).keys()) {
    if (userId === notice.skipUserId) continue;
    results.push(
      await notify(scope, userId, {
        type: "workflow_step_assigned",
        title: notice.title(approval),
        body: notice.body(dueAt),
        link: `/workflows/${workflowId}`,
        email: {
          stepTitle: step.title,
          workflowTitle: step.workflowTitle,
          approval,
          dueAt,
          assignedBy: notice.assignedBy,
          readyBecause: notice.readyBecause,
        },
      }),
    );
  }
  return results;
}

/** The step, while it is still to be done in a workflow still open. */
async function openStep(scope: TenantScope, workflowId: string, stepId: string) {
  const step = await scope.db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", "w.id", "s.workflow_id")
    .select([
      "s.title",
      "s.status",
      "s.assignee_user_id",
      "s.assignee_role",
      "s.needs_approval",
      "s.due_at",
      "w.status as workflowStatus",
      "w.title as workflowTitle",
    ])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.id", "=", stepId)
    .where("s.workflow_id", "=", workflowId)
    .executeTakeFirst();
  if (!step || (step.status !== "pending" && step.status !== "rejected")) return undefined;
  if (step.workflowStatus === "completed" || step.workflowStatus === "cancelled") return undefined;
  return step;
}
