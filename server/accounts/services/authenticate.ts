import type { SessionUser } from "../../context";
import { type Db, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { accountEventScope } from "../account-scope";
import { dummyPasswordHash, verifyPassword } from "../password";
import { findUserByEmail } from "../queries";
import { reserveSignInAttempt, settleSignInAttempt } from "../sign-in-throttle";

export type AuthenticateInput = { email: string; password: string; ip: string };

/** The signed-in user, with the session version their new session cookie must carry. */
export type AuthenticatedUser = SessionUser & { sessionVersion: number };

/**
 * Checks an email and password. The attempt is counted before the password is checked and
 * limited per account and address (server/accounts/sign-in-throttle.ts); the answer never reveals
 * whether the email exists unless the password matched.
 */
export async function authenticate(db: Db, input: AuthenticateInput): Promise<AuthenticatedUser> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip || "unknown";
  const attempt = await reserveSignInAttempt(db, email, ip);

  const user = await withPlatform(db, (trx) => findUserByEmail(trx, email));
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);

  const refusal =
    !user || !passwordOk
      ? "invalid_credentials"
      : user.status !== "active"
        ? "deactivated"
        : user.tenant_id && user.tenant_status !== "active"
          ? "tenant_suspended"
          : null;

  await withPlatform(db, async (trx) => {
    await settleSignInAttempt(trx, attempt, refusal);
    if (!user) return;
    const scope = accountEventScope(trx, user);
    if (refusal) {
      await emit(scope, {
        name: "user.sign_in_failed",
        entityId: user.id,
        data: { email, ip, reason: refusal },
      });
      return;
    }
    await trx.updateTable("users").set({ last_sign_in_at: new Date() }).where("id", "=", user.id).execute();
    await emit(scope, { name: "user.signed_in", entityId: user.id, data: { email, ip } });
  });

  if (refusal === "deactivated") {
    throw new AppError(
      "FORBIDDEN",
      "This account has been deactivated. Ask your administrator to reactivate it.",
      {
        reason: "deactivated",
      },
    );
  }
  if (refusal === "tenant_suspended") {
    throw new AppError(
      "FORBIDDEN",
      "Your organization's account is suspended. Contact Assetronics support.",
      {
        reason: "tenant_suspended",
      },
    );
  }
  if (refusal || !user)
    throw new AppError("UNAUTHORIZED", "Email or password is incorrect.", { reason: "invalid_credentials" });
  return {
    id: user.id,
    tenantId: user.tenant_id,
    tenantName: user.tenant_name,
    role: user.role as SessionUser["role"],
    email: user.email,
    name: user.name,
    sessionVersion: user.session_version,
  };
}
