import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import type { InviteUserInput } from "../schemas";
import { newLinkToken } from "../tokens";

export const INVITATION_DAYS = 7;

/**
 * Invites a person to the tenant with a role. Returns the invitation link (shown to the admin
 * until email delivery exists); only the token's hash is stored.
 */
export async function inviteUser(scope: TenantScope, input: InviteUserInput, appUrl: string) {
  const { db, tenantId } = scope;
  // Only this tenant's members (RLS would hide the others anyway); an email taken in another
  // tenant is refused on acceptance, so inviting it here says nothing about that tenant.
  const member = await db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (member) throw new AppError("CONFLICT", `${input.email} is already a member of this organization.`);

  const pending = await db
    .selectFrom("invitations")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("email", "=", input.email)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", new Date())
    .executeTakeFirst();
  if (pending) {
    throw new AppError(
      "CONFLICT",
      `${input.email} already has a pending invitation. Revoke it to send a new one.`,
    );
  }

  const { token, tokenHash } = newLinkToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
  const invitation = await db
    .insertInto("invitations")
    .values({
      tenant_id: tenantId,
      email: input.email,
      role: input.role,
      token_hash: tokenHash,
      invited_by: actingUserId(scope.actor),
      expires_at: expiresAt,
    })
    .returning(["id", "email", "expires_at"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "user.invited",
    entityId: invitation.id,
    data: { email: input.email, role: input.role, expiresAt: expiresAt.toISOString() },
  });
  return {
    id: invitation.id,
    email: invitation.email,
    expiresAt: invitation.expires_at,
    link: new URL(`/invite/${token}`, appUrl).toString(),
  };
}
