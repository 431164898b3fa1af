import { sql } from "kysely";
import { type Db, type Trx, withPlatform } from "@/server/db";
import { cancelRuns } from "./cancellation";
import { afterRunFailed } from "./failures";
import type { EngineFunction } from "./functions";
import { msFromNow } from "./sql-time";

/** A run this worker holds the lease on. */
export type ClaimedRun = {
  id: string;
  tenantId: string;
  functionId: string;
  triggerEvent: unknown;
  /** A batch run's events (`events` in the call); null for a run of one event. */
  triggerEvents: unknown[] | null;
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
  /** Runs this worker still has in flight: never claimed again while they are, even with a lapsed lease. */
  exclude?: readonly string[];
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

type Candidate = {
  id: string;
  function_id: string;
  concurrency_keys: string[] | null;
  throttle_key: string | null;
  started_at: Date | null;
};

/** Locks one flow-control group for this transaction, or reports it busy (never waits, never deadlocks). */
async function tryLockGroup(trx: Trx, kind: string, group: string): Promise<boolean> {
  const { locked } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtext(${kind}), hashtext(${group})) as locked
  `
    .execute(trx)
    .then((result) => result.rows[0] ?? { locked: false });
  return locked;
}

/**
 * True when every concurrency limit of the run has a free slot: fewer than `limit` leased runs
 * in its group. Claims of one group are serialized across replicas; a busy group is skipped
 * rather than waited on. The count includes the leases this transaction already took.
 *
 * `turnedAway` holds the groups this claim already found full or busy: later candidates of such
 * a group are skipped without counting again. Each count is a fresh read-committed snapshot, so
 * a slot freed between two candidates would otherwise go to the later one, ahead of the run
 * with the higher priority (or the older queue time) that was just turned away.
 */
async function underConcurrencyLimits(
  trx: Trx,
  run: Candidate,
  fn: EngineFunction,
  turnedAway: Set<string>,
): Promise<boolean> {
  const groups = run.concurrency_keys ?? [];
  if (groups.some((group) => turnedAway.has(group))) return false;
  for (const [index, limit] of fn.flow.concurrency.entries()) {
    const group = groups[index];
    if (group === undefined) continue;
    if (!(await tryLockGroup(trx, "assetronics.concurrency", group))) {
      turnedAway.add(group);
      return false;
    }
    const { active } = await trx
      .selectFrom("automation_runs")
      .select((eb) => eb.fn.countAll<number>().as("active"))
      .where(sql<boolean>`concurrency_keys @> array[${group}]::text[]`)
      .where("concurrency_keys", "is not", null)
      .where("locked_until", "is not", null)
      .where("locked_until", ">", sql<Date>`now()`)
      .where("id", "<>", run.id)
      .executeTakeFirstOrThrow();
    if (Number(active) >= limit.limit) {
      turnedAway.add(group);
      return false;
    }
  }
  return true;
}

/**
 * Throttle (GCRA, as Inngest's queue does it): one start per `period / limit`, with up to
 * `limit + burst` starts at once after a quiet spell. Admits the run and moves its key's
 * theoretical arrival time, or pushes the run to when it will be admitted: throttled runs wait
 * in FIFO order and never crowd the claim's candidates in the meantime.
 */
async function admittedByThrottle(trx: Trx, run: Candidate, fn: EngineFunction): Promise<boolean> {
  const throttle = fn.flow.throttle;
  if (!throttle || run.started_at !== null) return true;
  const key = run.throttle_key ?? "";
  if (!(await tryLockGroup(trx, `assetronics.throttle:${fn.id}`, key))) return false;
  const intervalMs = throttle.periodMs / throttle.limit;
  const toleranceMs = (throttle.limit + throttle.burst - 1) * intervalMs;
  const interval = (ms: number) => sql<Date>`(${Math.round(ms)}::bigint * interval '1 millisecond')`;
  await trx
    .insertInto("automation_throttles")
    .values({ function_id: fn.id, key, tat: sql<Date>`now()` })
    .onConflict((oc) => oc.columns(["function_id", "key"]).doNothing())
    .execute();
  const admitted = await trx
    .updateTable("automation_throttles")
    .set({ tat: sql<Date>`greatest(tat, now()) + ${interval(intervalMs)}` })
    .where("function_id", "=", fn.id)
    .where("key", "=", key)
    .where(sql<boolean>`greatest(tat, now()) - now() <= ${interval(toleranceMs)}`)
    .returning("tat")
    .executeTakeFirst();
  if (admitted) return true;
  await trx
    .updateTable("automation_runs")
    .set({
      next_run_at: sql<Date>`(select t.tat - ${interval(toleranceMs)} from automation_throttles t
        where t.function_id = ${fn.id} and t.key = ${key})`,
    })
    .where("id", "=", run.id)
    .execute();
  return false;
}

/** timeouts.start: cancels queued runs of these functions that were not started in time. */
async function cancelUnstarted(trx: Trx, functionIds: readonly string[]): Promise<void> {
  if (functionIds.length === 0) return;
  const expired = await trx
    .selectFrom("automation_runs")
    .select("id")
    .where("start_deadline", "is not", null)
    .where("start_deadline", "<", sql<Date>`now()`)
    .where("status", "=", "queued")
    .where("started_at", "is", null)
    .where("function_id", "in", functionIds)
    .forUpdate()
    .skipLocked()
    .execute();
  await cancelRuns(
    trx,
    expired.map((run) => run.id),
    { name: "StartTimeout", message: "The run did not start within its timeouts.start and was cancelled." },
  );
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
    await cancelUnstarted(
      trx,
      [...functions.values()].filter((fn) => fn.flow.startTimeoutMs !== null).map((fn) => fn.id),
    );
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
        "concurrency_keys",
        "throttle_key",
        "trigger_events",
        "started_at",
        "locked_until",
        "locked_by",
      ])
      .where("status", "in", ["queued", "running", "sleeping"])
      .where("next_run_at", "<=", sql<Date>`now()`)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", sql<Date>`now()`)]))
      .where("function_id", "in", [...functions.keys()])
      .$if((options.exclude?.length ?? 0) > 0, (query) => query.where("id", "not in", options.exclude ?? []))
      .orderBy("next_run_at")
      .orderBy("created_at")
      // Some slack for candidates a full concurrency group or a throttle turns away.
      .limit(Math.max(10, options.limit * 2))
      .forUpdate()
      .skipLocked()
      .execute();

    const claimed: ClaimedRun[] = [];
    /** Runs leased as they are, in one statement at the end. */
    const plain: string[] = [];
    /** Concurrency groups found full or busy in this claim: see underConcurrencyLimits. */
    const turnedAway = new Set<string>();
    for (const run of candidates) {
      if (claimed.length >= options.limit) break;
      const fn = functions.get(run.function_id);
      if (!fn) continue;
      const lost = run.locked_until !== null;
      const throttled = fn.flow.throttle !== null && run.started_at === null;
      if (!lost && fn.flow.concurrency.length === 0 && !throttled) {
        plain.push(run.id);
      } else {
        // A concurrency check counts the leases this transaction already took, so these are leased one by one.
        if (!(await underConcurrencyLimits(trx, run, fn, turnedAway))) continue;
        if (!(await admittedByThrottle(trx, run, fn))) continue;
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
          // A lost worker is a failure like any other: onFailure runs, an invoking step gets the error.
          await afterRunFailed(
            trx,
            {
              id: run.id,
              tenantId: run.tenant_id,
              functionId: run.function_id,
              triggerEvent: run.trigger_event,
            },
            workerLost(run.locked_by),
            [...functions.values()],
          );
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
        triggerEvents: Array.isArray(run.trigger_events) ? run.trigger_events : null,
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
