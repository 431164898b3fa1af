import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { countActiveAdmins } from "../queries";

/** Locks a member of the tenant for a change, refusing changes to oneself. */
export async function lockOtherMember(scope: TenantScope, userId: string, verb: string) {
  if (userId === actingUserId(scope.actor)) {
    throw new AppError("FORBIDDEN", `You cannot ${verb} your own account. Ask another admin to do it.`);
  }
  const user = await scope.db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "status"])
    .where("id", "=", userId)
    .where("tenant_id", "=", scope.tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist in this organization.");
  return user;
}

/** The tenant must always keep one active admin, or nobody could manage it. */
export async function assertNotLastAdmin(
  scope: TenantScope,
  user: { role: string; status: string; email: string },
) {
  if (user.role !== "admin" || user.status !== "active") return;
  if ((await countActiveAdmins(scope.db, scope.tenantId)) <= 1) {
    throw new AppError(
      "CONFLICT",
      `${user.email} is the only active admin. Make someone else an admin first.`,
    );
  }
}
