import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { lockEmployee } from "../queries";
import { LinkUserInput } from "../schemas";

/**
 * Links an employee record to a sign-in account of the organization (the portal shows that person
 * their own equipment), or unlinks it with `userId: null`. One account speaks for one person, so
 * an account linked elsewhere is refused, naming who holds it.
 */
export async function linkUser(scope: TenantScope, raw: LinkUserInput) {
  const input = LinkUserInput.parse(raw);
  const row = await lockEmployee(scope.db, scope.tenantId, input.employeeId);
  const name = `${row.first_name} ${row.last_name}`;
  if (row.user_id === input.userId) return { id: row.id, name, userId: row.user_id };
  if (input.userId) {
    const user = await scope.db
      .selectFrom("users")
      .select(["id", "email"])
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", input.userId)
      .executeTakeFirst();
    if (!user) throw new AppError("NOT_FOUND", "That user does not exist in this organization.");
    const holder = await scope.db
      .selectFrom("employees")
      .select("display_name")
      .where("tenant_id", "=", scope.tenantId)
      .where("user_id", "=", user.id)
      .where("id", "<>", row.id)
      .executeTakeFirst();
    if (holder)
      throw new AppError(
        "CONFLICT",
        `${user.email} is already linked to ${holder.display_name}; unlink it there first.`,
      );
  }
  await scope.db
    .updateTable("employees")
    .set({ user_id: input.userId })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emit(scope, {
    name: "employee.updated",
    entityId: row.id,
    data: { changes: { userId: { before: row.user_id, after: input.userId } } },
  });
  return { id: row.id, name, userId: input.userId };
}
