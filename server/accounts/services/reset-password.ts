import { userActor } from "../../context";
import { type Db, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { hashPassword } from "../password";
import { replacePassword } from "../queries";
import { closeOpenResets, resolveResetRequest } from "../reset-links";
import type { ResetPasswordInput } from "../schemas";
import { hashLinkToken } from "../tokens";

export type PasswordResetStatus =
  | { status: "invalid" | "used" | "expired" }
  | { status: "open"; email: string };

/** What a reset link is good for (public: the person is signed out). */
export async function findPasswordReset(db: Db, token: string): Promise<PasswordResetStatus> {
  return withPlatform(db, async (trx) => {
    const row = await trx
      .selectFrom("password_resets")
      .innerJoin("users", "users.id", "password_resets.user_id")
      .innerJoin("tenants", "tenants.id", "password_resets.tenant_id")
      .select([
        "password_resets.expires_at",
        "password_resets.used_at",
        "users.email",
        "users.status",
        "tenants.status as tenant_status",
      ])
      .where("password_resets.token_hash", "=", hashLinkToken(token))
      .executeTakeFirst();
    if (row?.status !== "active" || row.tenant_status !== "active") return { status: "invalid" };
    if (row.used_at) return { status: "used" };
    if (row.expires_at.getTime() <= Date.now()) return { status: "expired" };
    return { status: "open", email: row.email };
  });
}

/** What a closed link tells the person: how to get a working one. */
export const NEW_LINK_HINT = 'Ask for a new one with "Forgot password?" on the sign-in page.';

/**
 * Sets a new password through a reset link (emailed, or handed over by an admin): the link is used
 * up and the member's other open links close, every earlier session ends (a new session version),
 * earlier failed sign-ins stop counting against the account, and their pending request leaves
 * Settings -> Users. Returns the email to sign in with.
 */
export async function resetPassword(db: Db, input: ResetPasswordInput): Promise<{ email: string }> {
  const passwordHash = await hashPassword(input.password);
  return withPlatform(db, async (trx) => {
    const reset = await trx
      .selectFrom("password_resets")
      .select(["id", "tenant_id", "user_id", "expires_at", "used_at"])
      .where("token_hash", "=", hashLinkToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!reset) throw new AppError("NOT_FOUND", `This reset link is not valid. ${NEW_LINK_HINT}`);
    if (reset.used_at)
      throw new AppError("CONFLICT", `This reset link has already been used. ${NEW_LINK_HINT}`);
    if (reset.expires_at.getTime() <= Date.now()) {
      throw new AppError("PRECONDITION_FAILED", `This reset link has expired. ${NEW_LINK_HINT}`);
    }
    const tenant = await trx
      .selectFrom("tenants")
      .select("status")
      .where("id", "=", reset.tenant_id)
      .executeTakeFirst();
    const user = tenant?.status === "active" ? await replacePassword(trx, reset.user_id, passwordHash) : null;
    if (!user?.tenant_id) throw new AppError("NOT_FOUND", `This reset link is not valid. ${NEW_LINK_HINT}`);
    const now = new Date();
    await trx.updateTable("password_resets").set({ used_at: now }).where("id", "=", reset.id).execute();
    await closeOpenResets(trx, user.tenant_id, user.id, now);
    await resolveResetRequest(trx, user.tenant_id, user.id, now);
    await emit(
      { db: trx, tenantId: user.tenant_id, actor: userActor(user) },
      {
        name: "user.password_reset",
        entityId: user.id,
        data: { email: user.email },
      },
    );
    return { email: user.email };
  });
}
