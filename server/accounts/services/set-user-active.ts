import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";
import { assertNotLastAdmin, lockOtherMember } from "./load-member";

/** Deactivates a member: they cannot sign in, and their open sessions stop on the next request. */
export async function deactivateUser(ctx: TenantContext, input: { userId: string }) {
  const user = await lockOtherMember(ctx, input.userId, "deactivate");
  if (user.status === "deactivated") return { id: user.id, status: "deactivated" as const };
  await assertNotLastAdmin(ctx, user);

  await ctx.db
    .updateTable("users")
    .set({ status: "deactivated", deactivated_at: new Date() })
    .where("id", "=", user.id)
    .execute();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "user.deactivated",
    actor: ctx.actor,
    entityId: user.id,
    data: { email: user.email },
  });
  return { id: user.id, status: "deactivated" as const };
}

export async function reactivateUser(ctx: TenantContext, input: { userId: string }) {
  const user = await lockOtherMember(ctx, input.userId, "reactivate");
  if (user.status === "active") return { id: user.id, status: "active" as const };

  await ctx.db
    .updateTable("users")
    .set({ status: "active", deactivated_at: null })
    .where("id", "=", user.id)
    .execute();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "user.reactivated",
    actor: ctx.actor,
    entityId: user.id,
    data: { email: user.email },
  });
  return { id: user.id, status: "active" as const };
}
