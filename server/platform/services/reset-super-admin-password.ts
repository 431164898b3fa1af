import { randomBytes } from "node:crypto";
import { systemActor } from "@/inngest/events";
import { hashPassword } from "../../accounts/password";
import { replacePassword } from "../../accounts/queries";
import { PLATFORM_TENANT_ID } from "../../context";
import { type Db, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

/**
 * A platform operator locked out of their account: no tenant admin can make them a reset link,
 * so whoever runs the server does (`npm run platform:reset-password -- <email>`). The new password
 * is generated, returned once to print, and every earlier session of the operator ends; the
 * platform's stream records it, naming the command as actor.
 */
export async function resetSuperAdminPassword(db: Db, input: { email: string }) {
  const email = input.email.trim().toLowerCase();
  const password = randomBytes(18).toString("base64url");
  const passwordHash = await hashPassword(password);
  return withPlatform(db, async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "role", "status"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (user?.role !== "super_admin") {
      throw new AppError(
        "NOT_FOUND",
        `${email} is not a platform operator. Tenant members get reset links from their admins.`,
      );
    }
    if (user.status !== "active") throw new AppError("CONFLICT", `${email} is deactivated.`);
    const replaced = await replacePassword(trx, user.id, passwordHash);
    if (!replaced) throw new AppError("CONFLICT", `${email} is deactivated.`);
    await emit(
      { db: trx, tenantId: PLATFORM_TENANT_ID, actor: systemActor("Operator password reset (command line)") },
      { name: "user.password_reset", entityId: user.id, data: { email } },
    );
    return { email, password };
  });
}
