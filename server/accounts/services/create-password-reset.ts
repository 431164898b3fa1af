import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { newLinkToken } from "../tokens";
import { lockOtherMember } from "./load-member";

export const RESET_LINK_HOURS = 24;

/**
 * An admin creates a password reset link for a member, e.g. one locked out by the sign-in limits.
 * The link is shown to the admin to hand over (until email delivery exists); it works once, for
 * RESET_LINK_HOURS, and only the token's hash is stored. A new link closes the member's earlier ones.
 */
export async function createPasswordReset(ctx: TenantContext, input: { userId: string }, appUrl: string) {
  if (input.userId === ctx.user.id) {
    throw new AppError("FORBIDDEN", "Change your own password from Your account instead.");
  }
  const user = await lockOtherMember(ctx, input.userId, "reset the password of");
  if (user.status !== "active") {
    throw new AppError("CONFLICT", `${user.email} is deactivated. Reactivate them first.`);
  }

  const now = new Date();
  await ctx.db
    .updateTable("password_resets")
    .set({ expires_at: now })
    .where("tenant_id", "=", ctx.tenantId)
    .where("user_id", "=", user.id)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .execute();
  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 3600 * 1000);
  await ctx.db
    .insertInto("password_resets")
    .values({
      tenant_id: ctx.tenantId,
      user_id: user.id,
      token_hash: tokenHash,
      created_by: ctx.user.id,
      expires_at: expiresAt,
    })
    .execute();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "user.password_reset_link_created",
    actor: ctx.actor,
    entityId: user.id,
    data: { email: user.email, expiresAt: expiresAt.toISOString() },
  });
  return { email: user.email, link: new URL(`/reset-password/${token}`, appUrl).toString(), expiresAt };
}
