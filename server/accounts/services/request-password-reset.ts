import { sql } from "kysely";
import { systemActor } from "@/inngest/events";
import { type Db, type Trx, withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { logger } from "../../logger";
import { findUserByEmail } from "../queries";
import { lockKey } from "../sign-in-throttle";
import { inSteadyTime } from "../steady-time";

export const resetRequestLimits = {
  windowMinutes: 60,
  /** Requests from one address, whatever the emails: past it the caller is told to wait. */
  perAddress: 10,
  /** Requests for one email, from anywhere: past it nothing more is sent, and the answer is unchanged. */
  perEmail: 3,
} as const;

/** How long every answer takes, known email or not (server/accounts/steady-time.ts). */
export const RESET_ANSWER_MS = 300;

/**
 * "Forgot password?": emails the person a reset link. The answer is the same, in the same time,
 * whether the email belongs to an active member, a deactivated one, a platform operator or nobody,
 * so the form cannot be used to learn who has an account. Requests are limited per address (the
 * caller is told) and per email (silently: a stranger cannot fill someone's inbox). For an active
 * member of an active organization it records the request, which Settings -> Users shows their
 * admins until the password is reset (for someone who cannot receive mail, an admin creates a
 * link there), and emits `user.password_reset_requested`: the send-password-reset-link function
 * then makes the link and mails it, so the token is never in the event. Operators are not tenant
 * users: whoever runs the server resets theirs from the command line.
 */
export async function requestPasswordReset(db: Db, input: { email: string }, ip: string): Promise<void> {
  const email = input.email.trim().toLowerCase();
  await inSteadyTime(RESET_ANSWER_MS, () =>
    withPlatform(db, async (trx) => {
      if (!(await reserveResetRequest(trx, email, ip))) return;
      const user = await findUserByEmail(trx, email);
      if (user && !user.tenant_id && user.status === "active") {
        logger.warn(
          "a platform operator asked for a password reset: run `npm run platform:reset-password -- <email>`",
          { userId: user.id },
        );
        return;
      }
      if (!user?.tenant_id || user.status !== "active" || user.tenant_status !== "active") return;
      await trx
        .insertInto("password_reset_requests")
        .values({ tenant_id: user.tenant_id, user_id: user.id })
        .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).where("resolved_at", "is", null).doNothing())
        .execute();
      await emit(
        { db: trx, tenantId: user.tenant_id, actor: systemActor("Forgot password") },
        { name: "user.password_reset_requested", entityId: user.id, data: { email: user.email, ip } },
      );
    }),
  );
}

/**
 * Counts a request from `ip` for `email`, under locks on both so a burst cannot slip past. Throws
 * RATE_LIMITED past the address's limit; returns false (send nothing, answer as usual) past the
 * email's.
 */
async function reserveResetRequest(trx: Trx, email: string, ip: string): Promise<boolean> {
  await lockKey(trx, `password-reset:email:${email}`);
  await lockKey(trx, `password-reset:address:${ip}`);
  const { rows } = await sql<{ address: number; email: number }>`
    select
      count(*) filter (where ip = ${ip})::int as address,
      count(*) filter (where email = ${email})::int as email
    from password_reset_attempts
    where (ip = ${ip} or email = ${email})
      and created_at > now() - make_interval(mins => ${resetRequestLimits.windowMinutes})`.execute(trx);
  const recent = rows[0] ?? { address: 0, email: 0 };
  if (recent.address >= resetRequestLimits.perAddress) {
    logger.warn("password reset requests rate limited", { ip });
    throw new AppError(
      "RATE_LIMITED",
      "Too many reset requests from your network. Try again in an hour, or ask your administrator directly.",
      { reason: "rate_limited" },
    );
  }
  await trx.insertInto("password_reset_attempts").values({ ip, email }).execute();
  if (recent.email < resetRequestLimits.perEmail) return true;
  logger.warn("password reset requests for one email rate limited", { ip });
  return false;
}
