import { sql } from "kysely";
import { activeAdminIds } from "../../accounts/queries";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { isWorkflowOpen } from "../lifecycle";
import { lockStep } from "../queries";
import { ruleSetting } from "../rule-queries";

const HOUR = 3_600_000;

type Escalation = { escalatedTo: "manager" | "owner" | "admins"; toUserIds: string[] };

/**
 * Who hears of an overdue step: the assignee's manager (when the assignee is a person whose
 * employee record has a manager with an account), else whoever started the workflow, else the
 * organization's admins. Only active accounts count.
 */
async function escalationTarget(
  scope: TenantScope,
  step: { assignee_user_id: string | null },
  workflow: { started_by: string | null },
): Promise<Escalation> {
  const { db, tenantId } = scope;
  const active = (userId: string | null | undefined) =>
    userId
      ? db
          .selectFrom("users")
          .select("id")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", userId)
          .where("status", "=", "active")
          .executeTakeFirst()
      : Promise.resolve(undefined);
  if (step.assignee_user_id) {
    const manager = await db
      .selectFrom("employees as assignee")
      .innerJoin("employees as manager", "manager.id", "assignee.manager_id")
      .select("manager.user_id")
      .where("assignee.tenant_id", "=", tenantId)
      .where("assignee.user_id", "=", step.assignee_user_id)
      .executeTakeFirst();
    const user = await active(manager?.user_id);
    if (user) return { escalatedTo: "manager", toUserIds: [user.id] };
  }
  const owner = await active(workflow.started_by);
  if (owner) return { escalatedTo: "owner", toUserIds: [owner.id] };
  return { escalatedTo: "admins", toUserIds: await activeAdminIds(db, tenantId) };
}

/**
 * Escalates a step once (`workflow.step_escalated`, in the workflow's history) when it is still
 * open its template's approval hours (else the tenant's escalation hours) after its due date:
 * checked under the step's lock, so two sweeps never escalate it twice, and a step done or
 * reassigned meanwhile is left alone. Returns whether it escalated.
 */
export async function escalateStep(scope: TenantScope, stepId: string, now = new Date()) {
  const { step, workflow } = await lockStep(scope.db, scope.tenantId, stepId);
  const setting = await ruleSetting(scope.db, scope.tenantId, "step_escalation");
  // An approval's template may allow it more (or less) time than the tenant's rule.
  const afterHours = step.escalate_after_hours ?? setting.conditions.afterHours ?? 24;
  const open = (step.status === "pending" || step.status === "rejected") && isWorkflowOpen(workflow.status);
  const due = step.due_at ? new Date(step.due_at) : null;
  if (!setting.enabled || !open || !due || step.escalated_at) return false;
  if (now.getTime() - due.getTime() < afterHours * HOUR) return false;

  const target = await escalationTarget(scope, step, workflow);
  await scope.db
    .updateTable("workflow_steps")
    .set({ escalated_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", step.id)
    .execute();
  await emit(scope, {
    name: "workflow.step_escalated",
    entityId: workflow.id,
    data: {
      stepId: step.id,
      step: step.title,
      dueAt: due.toISOString(),
      hoursOverdue: Math.floor((now.getTime() - due.getTime()) / HOUR),
      ...target,
    },
  });
  return true;
}
