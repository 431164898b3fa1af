import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

export async function revokeInvitation(scope: TenantScope, input: { invitationId: string }) {
  const invitation = await scope.db
    .selectFrom("invitations")
    .select(["id", "email", "accepted_at", "revoked_at"])
    .where("id", "=", input.invitationId)
    .where("tenant_id", "=", scope.tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!invitation) throw new AppError("NOT_FOUND", "That invitation does not exist.");
  if (invitation.accepted_at)
    throw new AppError("CONFLICT", `${invitation.email} has already accepted this invitation.`);
  if (invitation.revoked_at) return { id: invitation.id };

  await scope.db
    .updateTable("invitations")
    .set({ revoked_at: new Date() })
    .where("id", "=", invitation.id)
    .execute();
  await emit(scope, {
    name: "user.invitation_revoked",
    entityId: invitation.id,
    data: { email: invitation.email },
  });
  return { id: invitation.id };
}
