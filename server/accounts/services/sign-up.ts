import { systemActor } from "@/inngest/events";
import { PLATFORM_TENANT_ID } from "../../context";
import { type Db, type Trx, withPlatform } from "../../db";
import { isUniqueViolation } from "../../db-errors";
import { emit } from "../../events/emit";
import { createTenant } from "../../tenants/services/create-tenant";
import type { SignUpInput } from "../schemas";
import { reserveSignUp } from "../sign-in-throttle";

/**
 * Self-service sign-up: a new tenant with the person signing up as its first admin. Limited per
 * address, and it answers the same whether or not the email already has an account: the caller
 * then signs in with the submitted credentials either way, so only someone who knows that
 * account's password learns anything. The existing account's owner is told (the
 * `user.sign_up_attempted_existing` event, which the notifications domain turns into an email).
 */
export async function signUp(db: Db, input: SignUpInput, ip: string): Promise<{ email: string }> {
  await reserveSignUp(db, ip);
  const email = input.email.trim().toLowerCase();
  try {
    await withPlatform(db, async (trx) => {
      const existing = await trx
        .selectFrom("users")
        .select(["id", "tenant_id", "email", "name"])
        .where("email", "=", email)
        .executeTakeFirst();
      if (existing) return tellOwner(trx, existing, ip);
      await createTenant(trx, {
        name: input.organization,
        admin: { name: input.name, email, password: input.password },
        via: "sign_up",
      });
    });
  } catch (error) {
    // Another sign-up took the email a moment ago: the same answer as for any existing account.
    if (!isUniqueViolation(error, "users_email_key")) throw error;
  }
  return { email };
}

type ExistingUser = { id: string; tenant_id: string | null; email: string; name: string };

async function tellOwner(trx: Trx, user: ExistingUser, ip: string) {
  await emit(trx, {
    tenantId: user.tenant_id ?? PLATFORM_TENANT_ID,
    name: "user.sign_up_attempted_existing",
    actor: systemActor("Sign-up"),
    entityId: user.id,
    data: { email: user.email, ip },
  });
}
