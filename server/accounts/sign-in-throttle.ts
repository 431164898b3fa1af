import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { rateLimitAddress } from "../auth/client-ip";
import { type Db, type Trx, withPlatform } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";

export const signInLimits = {
  windowMinutes: 15,
  /** Wrong passwords for one account from one address; then that address is refused for it. */
  perAccountAndAddress: 5,
  /** Wrong passwords from one address, whatever the accounts; then the address is refused. */
  perAddress: 30,
  /** Wrong passwords for one account from anywhere before each attempt on it is slowed down... */
  slowdownAfter: 5,
  /** ...by this much, doubling with each further failure up to slowdownMaxMs. Never a lock. */
  slowdownBaseMs: 250,
  slowdownMaxMs: 5000,
} as const;

export const signUpLimits = {
  windowMinutes: 60,
  /** SIGN_UPS_PER_ADDRESS_PER_HOUR, 10 unless raised */
  get perAddress() {
    return env.SIGN_UPS_PER_ADDRESS_PER_HOUR;
  },
};

/** How long an attempt on an account with `failures` recent failures waits before it is checked. */
export function signInDelayMs(failures: number): number {
  if (failures < signInLimits.slowdownAfter) return 0;
  const steps = failures - signInLimits.slowdownAfter;
  return Math.min(signInLimits.slowdownBaseMs * 2 ** Math.min(steps, 20), signInLimits.slowdownMaxMs);
}

/** Serializes the statements of one key (an account, an address) across connections until commit. */
export const lockKey = (trx: Trx, key: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);

/** The attempt row while its password is being checked: it counts as a failure until settled. */
const PENDING = "pending";
const FAILED = ["invalid_credentials", PENDING];

export type SignInAttempt = { id: number };

/**
 * Records a password attempt before the password is checked, or refuses it. Under a lock per
 * account and per address, counts that address's recent failures (including attempts still
 * being checked) against the account and overall, then inserts this attempt as pending: however
 * many arrive at once, at most `perAccountAndAddress` are checked. A success from an address, or a
 * password change, clears the failures before it. An address (an IPv6 one as its /64) that has
 * not failed is never refused; the account as a whole is only slowed down (the delay is waited out here).
 */
export async function reserveSignInAttempt(db: Db, email: string, callerIp: string): Promise<SignInAttempt> {
  // An IPv6 caller counts as its /64, which it can fill with fresh addresses at will
  const ip = rateLimitAddress(callerIp);
  const outcome = await withPlatform(db, async (trx) => {
    // Always account first, then address: no two attempts wait for each other's lock.
    await lockKey(trx, `sign-in:account:${email}`);
    await lockKey(trx, `sign-in:address:${ip}`);
    const { rows } = await sql<{ pair: number; address: number; account: number }>`
      with window_start as (
        select now() - make_interval(mins => ${signInLimits.windowMinutes}) as at
      ), account_start as (
        select greatest(
          (select at from window_start),
          (select password_changed_at from users where email = ${email})
        ) as at
      ), pair_start as (
        select greatest(
          (select at from account_start),
          (select max(created_at) from sign_in_attempts
            where email = ${email} and ip = ${ip} and success and created_at > (select at from window_start))
        ) as at
      )
      select
        count(*) filter (where email = ${email} and ip = ${ip} and created_at > (select at from pair_start))::int as pair,
        count(*) filter (where ip = ${ip})::int as address,
        count(*) filter (where email = ${email} and created_at > (select at from account_start))::int as account
      from sign_in_attempts
      where (email = ${email} or ip = ${ip})
        and created_at > (select at from window_start)
        and reason in (${sql.join(FAILED)})`.execute(trx);
    const counts = rows[0] ?? { pair: 0, address: 0, account: 0 };
    if (counts.pair >= signInLimits.perAccountAndAddress || counts.address >= signInLimits.perAddress) {
      await trx
        .insertInto("sign_in_attempts")
        .values({ email, ip, success: false, reason: "rate_limited" })
        .execute();
      return { limited: true as const };
    }
    const attempt = await trx
      .insertInto("sign_in_attempts")
      .values({ email, ip, success: false, reason: PENDING })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { limited: false as const, id: Number(attempt.id), delayMs: signInDelayMs(counts.account) };
  });
  if (outcome.limited) {
    logger.warn("sign-in rate limited", { email, ip });
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Wait ${signInLimits.windowMinutes} minutes and try again, or ask an administrator to reset your password.`,
      { reason: "rate_limited" },
    );
  }
  if (outcome.delayMs > 0) await sleep(outcome.delayMs);
  return { id: outcome.id };
}

/** Records how a reserved attempt ended: `refusal` null is a success. */
export async function settleSignInAttempt(trx: Trx, attempt: SignInAttempt, refusal: string | null) {
  await trx
    .updateTable("sign_in_attempts")
    .set({ success: refusal === null, reason: refusal })
    .where("id", "=", attempt.id)
    .execute();
}

/**
 * Counts a sign-up from `ip`, or refuses it once the address has made `signUpLimits.perAddress`
 * in the window. Counted and recorded under a lock on the address, so a burst cannot slip past.
 */
export async function reserveSignUp(db: Db, callerIp: string): Promise<void> {
  const ip = rateLimitAddress(callerIp);
  const limited = await withPlatform(db, async (trx) => {
    await lockKey(trx, `sign-up:address:${ip}`);
    const recent = await trx
      .selectFrom("sign_up_attempts")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("ip", "=", ip)
      .where("created_at", ">", sql<Date>`now() - make_interval(mins => ${signUpLimits.windowMinutes})`)
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= signUpLimits.perAddress) return true;
    await trx.insertInto("sign_up_attempts").values({ ip }).execute();
    return false;
  });
  if (limited) {
    logger.warn("sign-up rate limited", { ip });
    throw new AppError(
      "RATE_LIMITED",
      `Too many sign-ups from your network. Try again in an hour, or sign in if you already have an account.`,
      { reason: "rate_limited" },
    );
  }
}
