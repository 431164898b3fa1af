import { type Db, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { accountEventScope } from "../account-scope";
import { hashPassword, verifyPassword } from "../password";
import { replacePassword } from "../queries";
import type { ChangePasswordInput } from "../schemas";
import { reserveSignInAttempt, settleSignInAttempt } from "../sign-in-throttle";

type Account = { id: string; email: string };

/**
 * A signed-in user changes their password. The current one is checked as a sign-in would be,
 * under the same limits (a stolen session cannot guess it). Every session issued before ends,
 * this one included; returns the new session version for the caller to sign in again with.
 */
export async function changePassword(db: Db, account: Account, input: ChangePasswordInput, ip: string) {
  const attempt = await reserveSignInAttempt(db, account.email, ip);
  const user = await withPlatform(db, (trx) =>
    trx
      .selectFrom("users")
      .select(["id", "tenant_id", "email", "name", "password_hash"])
      .where("id", "=", account.id)
      .where("status", "=", "active")
      .executeTakeFirst(),
  );
  const currentOk = user ? await verifyPassword(user.password_hash, input.currentPassword) : false;
  if (!user || !currentOk) {
    await withPlatform(db, async (trx) => {
      await settleSignInAttempt(trx, attempt, "invalid_credentials");
      if (!user) return;
      await emit(accountEventScope(trx, user), {
        name: "user.sign_in_failed",
        entityId: user.id,
        data: { email: user.email, ip, reason: "invalid_current_password" },
      });
    });
    throw new AppError("UNAUTHORIZED", "Your current password is incorrect.", {
      reason: "invalid_current_password",
    });
  }
  if (input.newPassword === input.currentPassword) {
    await withPlatform(db, (trx) => settleSignInAttempt(trx, attempt, null));
    throw new AppError("BAD_REQUEST", "Choose a new password that differs from your current one.");
  }

  const passwordHash = await hashPassword(input.newPassword);
  return withPlatform(db, async (trx) => {
    await settleSignInAttempt(trx, attempt, null);
    const changed = await replacePassword(trx, user.id, passwordHash);
    if (!changed) throw new AppError("FORBIDDEN", "This account has been deactivated.");
    await emit(accountEventScope(trx, user), {
      name: "user.password_changed",
      entityId: user.id,
      data: { email: user.email },
    });
    return { sessionVersion: changed.session_version };
  });
}
