import { sql, type UpdateObject } from "kysely";
import type { DB } from "@/db/types";
import { type Db, type Trx, withPlatform } from "@/server/db";
import type { ClaimedRun } from "./claim";
import type { CompletionWriter } from "./completions";
import type { Due } from "./durations";
import { afterRunFailed } from "./failures";
import type { EngineFunction } from "./functions";
import { FUNCTION_INVOKED, type Invocation, startInvocations } from "./invocations";
import type { MemoizedStep, SerializedError } from "./invoke";
import { dueSql, msFromNow } from "./sql-time";
import { type EventWait, recordEventWaits } from "./waits";

/** Thrown when another worker took the run over (this one stalled past its lease). */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(`Lost the lease on run ${runId}`);
    this.name = "LeaseLostError";
  }
}

export type StepState = { steps: Record<string, MemoizedStep>; stack: string[] };
export type StepResult = { id: string; name: string; op: string; data?: unknown; error?: unknown };
export type PendingSleep = { id: string; name: string; due: Due };
/** What a run parks on until its next call: timers, awaited events and invoked runs. */
export type Parked = { sleeps: PendingSleep[]; waits: EventWait[]; invocations: Invocation[] };
export type RunStore = ReturnType<typeof runStore>;

/** A recorded result as loadState() reads it back from its row (a StepFailed without an error reads as null data). */
export function memoizedStepOf(result: StepResult): MemoizedStep {
  if (result.error === undefined) return { type: "data", data: result.data ?? null };
  return result.error === null ? { type: "data", data: null } : { type: "error", error: result.error };
}

/**
 * Every state change of one leased run. Each write is its own transaction whose first statement
 * updates the run row only while this worker still holds the lease (which also locks the row), so
 * a stalled worker can never overwrite the progress of the one that took over; a step result is
 * committed before the run moves on.
 */
export function runStore(
  db: Db,
  run: ClaimedRun,
  lease: {
    workerId: string;
    leaseMs: number;
    completions: CompletionWriter;
    /** The runnable functions: failure handlers to start, functions to invoke. */
    functions: ReadonlyMap<string, EngineFunction>;
  },
) {
  const json = (value: unknown) => JSON.stringify(value ?? null);

  /** Applies `changes` to the run if this worker holds it, then `work` in the same transaction. */
  async function whileHeld(
    changes: UpdateObject<DB, "automation_runs">,
    work?: (trx: Trx) => Promise<unknown>,
  ): Promise<void> {
    await withPlatform(db, async (trx) => {
      const held = await trx
        .updateTable("automation_runs")
        .set(changes)
        .where("id", "=", run.id)
        .where("locked_by", "=", lease.workerId)
        .where("status", "in", ["queued", "running", "sleeping"])
        .returning("id")
        .executeTakeFirst();
      if (!held) throw new LeaseLostError(run.id);
      await work?.(trx);
    });
  }

  /** Ends this worker's hold on the run with the given changes. */
  const finish = (changes: UpdateObject<DB, "automation_runs">) =>
    whileHeld({ ...changes, locked_until: null, locked_by: null });

  return {
    /** The memoized steps to send with the next call: results, and sleeps whose time has come. */
    async loadState(): Promise<StepState> {
      const rows = await withPlatform(db, (trx) =>
        trx
          .selectFrom("automation_steps")
          .select(["step_id", "data", "error"])
          .where("tenant_id", "=", run.tenantId)
          .where("run_id", "=", run.id)
          .where("discarded_at", "is", null)
          .where("completed_at", "<=", sql<Date>`now()`)
          .orderBy("completed_at")
          .orderBy("id")
          .execute(),
      );
      const steps: Record<string, MemoizedStep> = {};
      for (const row of rows) {
        steps[row.step_id] =
          row.error !== null ? { type: "error", error: row.error } : { type: "data", data: row.data };
      }
      return { steps, stack: rows.map((row) => row.step_id) };
    },

    extendLease: () => whileHeld({ locked_until: msFromNow(lease.leaseMs) }),

    /**
     * Memoizes step results (data, or the error of a step out of attempts); the next step starts
     * at attempt 0. One statement: the lease check (which locks the run) and the insert, which
     * inserts nothing when the lease is gone. Returns the ids of the steps stored: a step that
     * already had a live result keeps it (and is left out).
     */
    async recordResults(results: readonly StepResult[], attempt: number): Promise<string[]> {
      const rows = sql.join(
        results.map(
          (result, index) =>
            sql`(${index}::int, ${result.id}, ${result.name}, ${result.op}, ${
              result.error === undefined ? json(result.data) : null
            }::jsonb, ${result.error === undefined ? null : json(result.error)}::jsonb)`,
        ),
      );
      const { rows: answer } = await withPlatform(db, (trx) =>
        sql<{ held: boolean; stored: string[] }>`
          with held as (
            update automation_runs
               set attempt = 0, locked_until = ${msFromNow(lease.leaseMs)}
             where id = ${run.id} and locked_by = ${lease.workerId}
               and status in ('queued', 'running', 'sleeping')
            returning id
          ), stored as (
            insert into automation_steps
                   (tenant_id, run_id, step_id, name, op, data, error, attempts, completed_at)
            select ${run.tenantId}::uuid, held.id, v.step_id, v.name, v.op, v.data, v.error,
                   ${attempt + 1}::int, now()
              from held cross join (values ${rows}) as v(position, step_id, name, op, data, error)
             order by v.position
            on conflict (tenant_id, run_id, step_id) where discarded_at is null do nothing
            returning step_id
          )
          select exists (select 1 from held) as held,
                 coalesce((select array_agg(step_id) from stored), '{}') as stored`.execute(trx),
      );
      const [row] = answer;
      if (!row?.held) throw new LeaseLostError(run.id);
      return row.stored;
    },

    /**
     * Persists what the run waits on, in one transaction: sleep timers (the step completes, and
     * is replayed, once its time has come), event waits and invoked runs (their steps complete at
     * their timeout, or earlier when the event comes or the invoked run ends).
     */
    recordParked: ({ sleeps, waits, invocations }: Parked) =>
      whileHeld({ locked_until: msFromNow(lease.leaseMs) }, async (trx) => {
        if (sleeps.length > 0) {
          await trx
            .insertInto("automation_steps")
            .values(
              sleeps.map((sleep) => ({
                tenant_id: run.tenantId,
                run_id: run.id,
                step_id: sleep.id,
                name: sleep.name,
                op: "Sleep",
                data: json(null),
                wake_at: dueSql(sleep.due),
                completed_at: dueSql(sleep.due),
              })),
            )
            .onConflict((oc) =>
              oc.columns(["tenant_id", "run_id", "step_id"]).where("discarded_at", "is", null).doNothing(),
            )
            .execute();
        }
        await recordEventWaits(trx, run, waits);
        await startInvocations(trx, run, invocations, lease.functions);
      }),

    /**
     * Parks the run until its earliest pending timer; nothing is held in memory meanwhile. A step
     * that completed since the call's state was loaded (`replayed`: the ids it sent), such as a
     * wait an event ended meanwhile, makes it due at once instead.
     */
    sleep: (replayed: readonly string[]) =>
      finish({
        status: "sleeping",
        next_run_at: sql<Date>`case
          when exists (
            select 1 from automation_steps s
            where s.tenant_id = ${run.tenantId} and s.run_id = ${run.id}
              and s.discarded_at is null and s.completed_at <= now()
              and not (s.step_id = any(${[...replayed]}::text[]))
          ) then now()
          else coalesce((
            select min(s.wake_at) from automation_steps s
            where s.tenant_id = ${run.tenantId} and s.run_id = ${run.id}
              and s.discarded_at is null and s.wake_at > now()
          ), now())
        end`,
      }),

    /** Written with the other runs that finish meanwhile (completions.ts), under the same lease check. */
    async complete(output: unknown): Promise<void> {
      const invoked = (run.triggerEvent as { name?: string } | null)?.name === FUNCTION_INVOKED;
      if (!(await lease.completions.complete(run.id, output, invoked))) throw new LeaseLostError(run.id);
    },

    /** The final failure, with what follows it (onFailure, the invoking step) in the same transaction. */
    fail: (error: SerializedError, attempt: number) =>
      whileHeld(
        {
          status: "failed",
          attempt,
          error: json(error),
          finished_at: sql`now()`,
          locked_until: null,
          locked_by: null,
        },
        (trx) => afterRunFailed(trx, run, error, [...lease.functions.values()]),
      ),

    /** Shows on the run that its call is overdue; the call is still awaited, never repeated meanwhile. */
    noteOverdue: (error: SerializedError) => whileHeld({ error: json(error) }),

    /** Schedules the next attempt; the error stays visible until a later attempt gets further. */
    retryLater: (error: SerializedError, nextAttempt: number, due: Due) =>
      finish({ status: "running", attempt: nextAttempt, error: json(error), next_run_at: dueSql(due) }),

    /** Hands the run back, due now (fairness between runs, or the engine stopping). */
    release: () => finish({ next_run_at: sql`now()` }),
  };
}
