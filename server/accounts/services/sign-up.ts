import { sql } from "kysely";
import { systemActor } from "@/inngest/events";
import { PLATFORM_TENANT_ID } from "../../context";
import { type Db, type Trx, withPlatform } from "../../db";
import { emit } from "../../events/emit";
import { logger } from "../../logger";
import { currencyForLocale } from "../../tenants/currency";
import { hashPassword } from "../password";
import type { SignUpInput } from "../schemas";
import { reserveSignUp } from "../sign-in-throttle";
import { inSteadyTime } from "../steady-time";

export const signUpLinks = {
  /** How long a verification link works. */
  validHours: 24,
  /** Verification emails for one address per hour; past it nothing more is sent (the answer is unchanged). */
  perEmailPerHour: 3,
} as const;

/** How long every sign-up answer takes, whether or not the email has an account. */
export const SIGN_UP_ANSWER_MS = 500;

/**
 * Self-service sign-up, step one: "Check your email", whatever the email. A new address gets a
 * pending sign-up (the organization, the person and their password's hash) and, through the
 * `user.sign_up_requested` event, a verification link by email (send-sign-up-verification makes
 * the token); the organization is created only when the link is followed (complete-sign-up.ts).
 * An address that already has an account gets nothing created: its owner is told instead (the
 * `user.sign_up_attempted_existing` event, which the notifications domain mails). Both ways hash
 * the password and answer after the same time, so neither the words nor the timing say whether an
 * account exists. Limited per address (told) and per email (silently).
 */
export async function signUp(
  db: Db,
  input: SignUpInput,
  ip: string,
  /** The browser's Accept-Language: the new organization's currency comes from its region. */
  locale: string | null = null,
): Promise<{ email: string }> {
  await reserveSignUp(db, ip);
  const email = input.email.trim().toLowerCase();
  await inSteadyTime(SIGN_UP_ANSWER_MS, async () => {
    const passwordHash = await hashPassword(input.password);
    await withPlatform(db, async (trx) => {
      const existing = await trx
        .selectFrom("users")
        .select(["id", "tenant_id", "email", "name"])
        .where("email", "=", email)
        .executeTakeFirst();
      if (existing) return tellOwner(trx, existing, ip);
      if (await tooManyLinks(trx, email)) {
        logger.warn("sign-up verification emails for one address rate limited", { ip });
        return;
      }
      const now = new Date();
      // Only the newest sign-up for an address can be verified.
      await trx
        .updateTable("pending_sign_ups")
        .set({ expires_at: now })
        .where("email", "=", email)
        .where("completed_at", "is", null)
        .where("expires_at", ">", now)
        .execute();
      const pending = await trx
        .insertInto("pending_sign_ups")
        .values({
          email,
          organization: input.organization.trim(),
          name: input.name.trim(),
          password_hash: passwordHash,
          currency: currencyForLocale(locale),
          expires_at: new Date(now.getTime() + signUpLinks.validHours * 3600 * 1000),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await emit(
        { db: trx, tenantId: PLATFORM_TENANT_ID, actor: systemActor("Sign-up") },
        { name: "user.sign_up_requested", entityId: pending.id, data: { email, ip } },
      );
    });
  });
  return { email };
}

async function tooManyLinks(trx: Trx, email: string): Promise<boolean> {
  const recent = await trx
    .selectFrom("pending_sign_ups")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("email", "=", email)
    .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
    .executeTakeFirstOrThrow();
  return Number(recent.count) >= signUpLinks.perEmailPerHour;
}

type ExistingUser = { id: string; tenant_id: string | null; email: string; name: string };

async function tellOwner(trx: Trx, user: ExistingUser, ip: string) {
  await emit(
    { db: trx, tenantId: user.tenant_id ?? PLATFORM_TENANT_ID, actor: systemActor("Sign-up") },
    {
      name: "user.sign_up_attempted_existing",
      entityId: user.id,
      data: { email: user.email, ip },
    },
  );
}
