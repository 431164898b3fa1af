import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import type { TenantRole } from "../../roles";
import { assertNotLastAdmin, lockOtherMember } from "./load-member";

/** Changes a member's role; effective on their next request (roles are read per request). */
export async function changeUserRole(ctx: TenantContext, input: { userId: string; role: TenantRole }) {
  const user = await lockOtherMember(ctx, input.userId, "change the role of");
  if (user.role === input.role) return { id: user.id, role: input.role };
  if (input.role !== "admin") await assertNotLastAdmin(ctx, user);

  await ctx.db.updateTable("users").set({ role: input.role }).where("id", "=", user.id).execute();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "user.role_changed",
    actor: ctx.actor,
    entityId: user.id,
    data: { email: user.email, changes: { role: { before: user.role, after: input.role } } },
  });
  return { id: user.id, role: input.role };
}
