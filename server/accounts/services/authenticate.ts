import { sql } from "kysely";
import { PLATFORM_TENANT_ID, type SessionUser } from "../../context";
import { type Db, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { logger } from "../../logger";
import { dummyPasswordHash, verifyPassword } from "../password";
import { findUserByEmail } from "../queries";

export const signInLimits = {
  windowMinutes: 15,
  perAccount: 5,
  perIp: 30,
} as const;

export type AuthenticateInput = { email: string; password: string; ip: string };

/**
 * Checks an email and password. Failed attempts are recorded and rate limited per account and
 * per IP address; the answer never reveals whether the email exists unless the password matched.
 */
export async function authenticate(db: Db, input: AuthenticateInput): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip || "unknown";

  const limited = await withPlatform(db, async (trx) => {
    const since = sql<Date>`now() - make_interval(mins => ${signInLimits.windowMinutes})`;
    const recent = await trx
      .selectFrom("sign_in_attempts")
      .select((eb) => [
        eb.fn.count<number>("id").filterWhere("email", "=", email).as("account_failures"),
        eb.fn.count<number>("id").filterWhere("ip", "=", ip).as("ip_failures"),
      ])
      .where("success", "=", false)
      .where("reason", "<>", "rate_limited")
      .where("created_at", ">", since)
      .where((eb) => eb.or([eb("email", "=", email), eb("ip", "=", ip)]))
      .executeTakeFirstOrThrow();
    const accountFailures = Number(recent.account_failures);
    const ipFailures = Number(recent.ip_failures);
    if (accountFailures >= signInLimits.perAccount || ipFailures >= signInLimits.perIp) {
      await trx
        .insertInto("sign_in_attempts")
        .values({ email, ip, success: false, reason: "rate_limited" })
        .execute();
      return true;
    }
    return false;
  });
  if (limited) {
    logger.warn("sign-in rate limited", { email, ip });
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Wait ${signInLimits.windowMinutes} minutes and try again, or ask an administrator to reset your password.`,
      { reason: "rate_limited" },
    );
  }

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
    await trx
      .insertInto("sign_in_attempts")
      .values({ email, ip, success: refusal === null, reason: refusal })
      .execute();
    if (!user) return;
    const actor = { type: "user" as const, id: user.id, label: `${user.name} <${user.email}>` };
    const tenantId = user.tenant_id ?? PLATFORM_TENANT_ID;
    if (refusal) {
      await emit(trx, {
        tenantId,
        name: "user.sign_in_failed",
        actor,
        entityId: user.id,
        data: { email, ip, reason: refusal },
      });
      return;
    }
    await trx.updateTable("users").set({ last_sign_in_at: new Date() }).where("id", "=", user.id).execute();
    await emit(trx, { tenantId, name: "user.signed_in", actor, entityId: user.id, data: { email, ip } });
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
  };
}
