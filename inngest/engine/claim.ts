import { sql } from "kysely";
import { type Db, type Trx, withPlatform } from "@/server/db";
import type { EngineFunction } from "./functions";
import { msFromNow } from "./sql-time";

/** A run this worker holds the lease on. */
export type ClaimedRun = {
  id: string;
  tenantId: string;
  functionId: string;
  triggerEvent: unknown;
  attempt: number;
  maxAttempts: number;
  /** Never claimed before: it has no memoized steps yet. */
  fresh: boolean;
};

export type ClaimOptions = {
  workerId: string;
  leaseMs: number;
  /** Runs to claim at most. */
  limit: number;
};

/** The error recorded when a run's previous worker stopped without finishing or releasing it. */
const workerLost = (workerId: string | null) => ({
  name: "WorkerLost",
  message: `The worker running this attempt (${workerId ?? "unknown"}) stopped before it finished; retrying.`,
});

/** The columns that lease a run to this worker. */
const leaseOf = (options: ClaimOptions) => ({
  status: "running",
  started_at: sql<Date>`coalesce(started_at, now())`,
  locked_until: msFromNow(options.leaseMs),
  locked_by: options.workerId,
});

/** Returns true when this transaction may start one more run in the run's concurrency group. */
async function underConcurrencyLimit(
  trx: Trx,
  run: { id: string; function_id: string; concurrency_key: string | null },
  fn: EngineFunction,
): Promise<boolean> {
  if (!fn.concurrency || run.concurrency_key === null) return true;
  // Claims of one group are serialized across replicas; a busy group is skipped rather than
  // waited on, so two claims can never deadlock on each other's groups.
  const { locked } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext(${run.function_id}), hashtext(${run.concurrency_key})) as locked
  `
    .execute(trx)
    .then((result) => result.rows[0] ?? { locked: false });
  if (!locked) return false;
  const { active } = await trx
    .selectFrom("automation_runs")
    .select((eb) => eb.fn.countAll<number>().as("active"))
    .where("function_id", "=", run.function_id)
    .where("concurrency_key", "=", run.concurrency_key)
    .where("locked_until", ">", sql<Date>`now()`)
    .where("id", "<>", run.id)
    .executeTakeFirstOrThrow();
  return Number(active) < fn.concurrency.limit;
}

/**
 * Claims up to `limit` due runs of known functions in one transaction: locks candidates with
 * `for update skip locked` (replicas never contend for one run), skips those whose concurrency
 * group is full, and leases the rest. A run whose lease expired was held by a worker that died:
 * that counts as a failed attempt, and when none are left the run fails instead of being claimed.
 */
export async function claimRuns(
  db: Db,
  functions: ReadonlyMap<string, EngineFunction>,
  options: ClaimOptions,
): Promise<ClaimedRun[]> {
  if (functions.size === 0 || options.limit <= 0) return [];
  return withPlatform(db, async (trx) => {
    const candidates = await trx
      .selectFrom("automation_runs")
      .select([
        "id",
        "tenant_id",
        "function_id",
        "trigger_event",
        "status",
        "attempt",
        "max_attempts",
        "concurrency_key",
        "locked_until",
        "locked_by",
      ])
      .where("status", "in", ["queued", "running", "sleeping"])
      .where("next_run_at", "<=", sql<Date>`now()`)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
      .where("function_id", "in", [...functions.keys()])
      .orderBy("next_run_at")
      // Some slack for candidates a full concurrency group turns away.
      .limit(Math.max(10, options.limit * 2))
      .forUpdate()
      .skipLocked()
      .execute();

    const claimed: ClaimedRun[] = [];
    /** Runs leased as they are, in one statement at the end. */
    const plain: string[] = [];
    for (const run of candidates) {
      if (claimed.length >= options.limit) break;
      const fn = functions.get(run.function_id);
      if (!fn) continue;
      const lost = run.locked_until !== null;
      if (!lost && !fn.concurrency) {
        plain.push(run.id);
      } else {
        // A concurrency check counts the leases this transaction already took, so these are leased one by one.
        if (!(await underConcurrencyLimit(trx, run, fn))) continue;
        if (lost && run.attempt + 1 >= run.max_attempts) {
          await trx
            .updateTable("automation_runs")
            .set({
              status: "failed",
              attempt: run.attempt + 1,
              error: JSON.stringify(workerLost(run.locked_by)),
              finished_at: sql`now()`,
              locked_until: null,
              locked_by: null,
            })
            .where("id", "=", run.id)
            .execute();
          continue;
        }
        await trx
          .updateTable("automation_runs")
          .set({
            ...leaseOf(options),
            attempt: lost ? run.attempt + 1 : run.attempt,
            ...(lost ? { error: JSON.stringify(workerLost(run.locked_by)) } : {}),
          })
          .where("id", "=", run.id)
          .execute();
      }
      claimed.push({
        id: run.id,
        tenantId: run.tenant_id,
        functionId: run.function_id,
        triggerEvent: run.trigger_event,
        attempt: lost ? run.attempt + 1 : run.attempt,
        maxAttempts: run.max_attempts,
        fresh: run.status === "queued",
      });
    }
    if (plain.length > 0) {
      await trx.updateTable("automation_runs").set(leaseOf(options)).where("id", "in", plain).execute();
    }
    return claimed;
  });
}
