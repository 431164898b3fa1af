import type { Executor } from "../db";
import type { TenantRole } from "../roles";

/** Who a step can be reassigned to: the organization's active accounts, by name. */
export async function assignableUsers(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "active")
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role as TenantRole }));
}

type StepAssignment = { assignee_user_id: string | null; assignee_role: string | null };

/**
 * The people steps reach, each with their steps: a step assigned to a person reaches them, one
 * assigned to a role every active user with that role (a step has one or the other). One query
 * for all the roles, so a workflow's steps cost one round trip however many there are.
 */
export async function usersAssignedTo<S extends StepAssignment>(
  db: Executor,
  tenantId: string,
  steps: readonly S[],
): Promise<Map<string, S[]>> {
  const roles = [
    ...new Set(
      steps.flatMap((step) => (step.assignee_user_id || !step.assignee_role ? [] : [step.assignee_role])),
    ),
  ];
  const roleUsers =
    roles.length === 0
      ? []
      : await db
          .selectFrom("users")
          .select(["id", "role"])
          .where("tenant_id", "=", tenantId)
          .where("role", "in", roles)
          .where("status", "=", "active")
          .execute();
  const byUser = new Map<string, S[]>();
  const give = (userId: string, step: S) => byUser.set(userId, [...(byUser.get(userId) ?? []), step]);
  for (const step of steps) {
    if (step.assignee_user_id) give(step.assignee_user_id, step);
    else for (const user of roleUsers) if (user.role === step.assignee_role) give(user.id, step);
  }
  return byUser;
}
