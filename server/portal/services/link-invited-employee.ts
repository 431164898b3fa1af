import type { EventScope } from "../../events/emit";
import { emit } from "../../events/emit";

/**
 * Links a new account to the employee record with the same work email, when the account was
 * invited with the employee role: the person lands in a portal that already shows their
 * equipment. A record linked to another account keeps that link (an admin links by hand).
 * Returns the linked employee's id, or null when no unlinked record has that email.
 */
export async function linkInvitedEmployee(
  scope: EventScope,
  user: { id: string; email: string },
): Promise<string | null> {
  const linked = await scope.db
    .updateTable("employees")
    .set({ user_id: user.id })
    .where("tenant_id", "=", scope.tenantId)
    .where("work_email", "=", user.email.toLowerCase())
    .where("user_id", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!linked) return null;
  await emit(scope, {
    name: "employee.updated",
    entityId: linked.id,
    data: { changes: { userId: { before: null, after: user.id } } },
  });
  return linked.id;
}
