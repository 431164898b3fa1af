import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { countActiveAdmins } from "../queries";

/** Locks a member of the tenant for a change, refusing changes to oneself. */
export async function lockOtherMember(ctx: TenantContext, userId: string, verb: string) {
  if (userId === ctx.user.id) {
    throw new AppError("FORBIDDEN", `You cannot ${verb} your own account. Ask another admin to do it.`);
  }
  const user = await ctx.db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "status"])
    .where("id", "=", userId)
    .where("tenant_id", "=", ctx.tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist in this organization.");
  return user;
}

/** The tenant must always keep one active admin, or nobody could manage it. */
export async function assertNotLastAdmin(
  ctx: TenantContext,
  user: { role: string; status: string; email: string },
) {
  if (user.role !== "admin" || user.status !== "active") return;
  if ((await countActiveAdmins(ctx.db, ctx.tenantId)) <= 1) {
    throw new AppError(
      "CONFLICT",
      `${user.email} is the only active admin. Make someone else an admin first.`,
    );
  }
}
