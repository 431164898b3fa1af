import { userActor } from "../../context";
import { type Db, withPlatform } from "../../db";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { linkInvitedEmployee } from "../../portal/services/link-invited-employee";
import type { TenantRole } from "../../roles";
import { hashPassword } from "../password";
import type { AcceptInvitationInput } from "../schemas";
import { hashLinkToken } from "../tokens";

/** Looks up a pending invitation by its link token (public: the invitee has no account yet). */
export async function findPendingInvitation(db: Db, token: string) {
  return withPlatform(db, async (trx) => {
    const row = await trx
      .selectFrom("invitations")
      .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
      .select([
        "invitations.id",
        "invitations.email",
        "invitations.role",
        "invitations.expires_at",
        "invitations.accepted_at",
        "invitations.revoked_at",
        "tenants.name as tenant_name",
        "tenants.status as tenant_status",
      ])
      .where("invitations.token_hash", "=", hashLinkToken(token))
      .executeTakeFirst();
    if (!row) return { status: "invalid" as const };
    if (row.accepted_at) return { status: "accepted" as const };
    if (row.revoked_at || row.tenant_status !== "active") return { status: "revoked" as const };
    if (row.expires_at.getTime() < Date.now()) return { status: "expired" as const };
    return { status: "pending" as const, email: row.email, role: row.role, tenantName: row.tenant_name };
  });
}

/** Creates the invitee's account with the invited role, and closes the invitation. */
export async function acceptInvitation(db: Db, input: AcceptInvitationInput) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await withPlatform(db, async (trx) => {
      const invitation = await trx
        .selectFrom("invitations")
        .select(["id", "tenant_id", "email", "role", "expires_at", "accepted_at", "revoked_at"])
        .where("token_hash", "=", hashLinkToken(input.token))
        .forUpdate()
        .executeTakeFirst();
      if (!invitation || invitation.revoked_at) {
        throw new AppError(
          "NOT_FOUND",
          "This invitation is no longer valid. Ask your administrator for a new one.",
        );
      }
      if (invitation.accepted_at)
        throw new AppError("CONFLICT", "This invitation has already been used. Sign in instead.");
      if (invitation.expires_at.getTime() < Date.now()) {
        throw new AppError(
          "PRECONDITION_FAILED",
          "This invitation has expired. Ask your administrator for a new one.",
        );
      }
      const user = await trx
        .insertInto("users")
        .values({
          tenant_id: invitation.tenant_id,
          email: invitation.email,
          name: input.name,
          password_hash: passwordHash,
          role: invitation.role,
        })
        .returning(["id", "email", "name", "role"])
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("invitations")
        .set({ accepted_at: new Date() })
        .where("id", "=", invitation.id)
        .execute();
      const scope = { db: trx, tenantId: invitation.tenant_id, actor: userActor(user) };
      await emit(scope, {
        name: "user.created",
        entityId: user.id,
        data: {
          email: user.email,
          name: user.name,
          role: invitation.role as TenantRole,
          via: "invitation",
        },
      });
      if (invitation.role === "employee") await linkInvitedEmployee(scope, user);
      return { userId: user.id, email: user.email };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}
