import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

export async function revokeInvitation(ctx: TenantContext, input: { invitationId: string }) {
  const invitation = await ctx.db
    .selectFrom("invitations")
    .select(["id", "email", "accepted_at", "revoked_at"])
    .where("id", "=", input.invitationId)
    .where("tenant_id", "=", ctx.tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!invitation) throw new AppError("NOT_FOUND", "That invitation does not exist.");
  if (invitation.accepted_at)
    throw new AppError("CONFLICT", `${invitation.email} has already accepted this invitation.`);
  if (invitation.revoked_at) return { id: invitation.id };

  await ctx.db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("id", "=", invitation.id)
    .execute();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "user.invitation_revoked",
    actor: ctx.actor,
    entityId: invitation.id,
    data: { email: invitation.email },
  });
  return { id: invitation.id };
}
