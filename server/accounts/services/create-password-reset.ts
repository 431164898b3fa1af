import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { openPasswordReset, resetLinkUrl, resolveResetRequest } from "../reset-links";
import { lockOtherMember } from "./load-member";

export const RESET_LINK_HOURS = 24;

/**
 * An admin creates a password reset link for a member who cannot receive mail (or is locked out by
 * the sign-in limits). The link is shown to the admin to hand over; it works once, for
 * RESET_LINK_HOURS (longer than an emailed link: handing it over takes time), and only the token's
 * hash is stored. A new link closes the member's earlier ones, emailed ones included.
 */
export async function createPasswordReset(scope: TenantScope, input: { userId: string }, appUrl: string) {
  if (input.userId === actingUserId(scope.actor)) {
    throw new AppError("FORBIDDEN", "Change your own password from Your account instead.");
  }
  const user = await lockOtherMember(scope, input.userId, "reset the password of");
  if (user.status !== "active") {
    throw new AppError("CONFLICT", `${user.email} is deactivated. Reactivate them first.`);
  }

  const reset = await openPasswordReset(scope.db, {
    tenantId: scope.tenantId,
    userId: user.id,
    createdBy: actingUserId(scope.actor),
    validMs: RESET_LINK_HOURS * 3600 * 1000,
  });
  // The link answers the person's own request from the sign-in page, if they made one.
  await resolveResetRequest(scope.db, scope.tenantId, user.id);
  await emit(scope, {
    name: "user.password_reset_link_created",
    entityId: user.id,
    data: { email: user.email, expiresAt: reset.expiresAt.toISOString() },
  });
  return { email: user.email, link: resetLinkUrl(reset.token, appUrl), expiresAt: reset.expiresAt };
}
