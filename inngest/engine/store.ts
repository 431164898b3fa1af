import { sql, type UpdateObject } from "kysely";
import type { DB } from "@/db/types";
import { type Db, type Trx, withPlatform } from "@/server/db";
import type { ClaimedRun } from "./claim";
import type { CompletionWriter } from "./completions";
import type { Due } from "./durations";
import type { MemoizedStep, SerializedError } from "./invoke";
import { dueSql, msFromNow } from "./sql-time";

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
export type RunStore = ReturnType<typeof runStore>;

/**
 * Every state change of one leased run. Each write is its own transaction whose first statement
 * updates the run row only while this worker still holds the lease (which also locks the row), so
 * a stalled worker can never overwrite the progress of the one that took over; a step result is
 * committed before the run moves on.
 */
export function runStore(
  db: Db,
  run: ClaimedRun,
  lease: { workerId: string; leaseMs: number; completions: CompletionWriter },
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

    /** Memoizes step results (data, or the error of a step out of attempts); the next step starts at attempt 0. */
    recordResults: (results: readonly StepResult[], attempt: number) =>
      whileHeld({ attempt: 0, locked_until: msFromNow(lease.leaseMs) }, (trx) =>
        trx
          .insertInto("automation_steps")
          .values(
            results.map((result) => ({
              tenant_id: run.tenantId,
              run_id: run.id,
              step_id: result.id,
              name: result.name,
              op: result.op,
              data: result.error === undefined ? json(result.data) : null,
              error: result.error === undefined ? null : json(result.error),
              attempts: attempt + 1,
              completed_at: sql<Date>`now()`,
            })),
          )
          .onConflict((oc) =>
            oc.columns(["tenant_id", "run_id", "step_id"]).where("discarded_at", "is", null).doNothing(),
          )
          .execute(),
      ),

    /** Persists sleep timers: the step completes (and is replayed) once its time has come. */
    recordSleeps: (sleeps: readonly PendingSleep[]) =>
      whileHeld({ locked_until: msFromNow(lease.leaseMs) }, (trx) =>
        trx
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
          .execute(),
      ),

    /** Parks the run until its earliest pending timer; nothing is held in memory meanwhile. */
    sleep: () =>
      finish({
        status: "sleeping",
        next_run_at: sql<Date>`coalesce((
          select min(s.wake_at) from automation_steps s
          where s.tenant_id = ${run.tenantId} and s.run_id = ${run.id}
            and s.discarded_at is null and s.wake_at > now()
        ), now())`,
      }),

    /** Written with the other runs that finish meanwhile (completions.ts), under the same lease check. */
    async complete(output: unknown): Promise<void> {
      if (!(await lease.completions.complete(run.id, output))) throw new LeaseLostError(run.id);
    },

    fail: (error: SerializedError, attempt: number) =>
      finish({ status: "failed", attempt, error: json(error), finished_at: sql`now()` }),

    /** Schedules the next attempt; the error stays visible until a later attempt gets further. */
    retryLater: (error: SerializedError, nextAttempt: number, due: Due) =>
      finish({ status: "running", attempt: nextAttempt, error: json(error), next_run_at: dueSql(due) }),

    /** Hands the run back, due now (fairness between runs, or the engine stopping). */
    release: () => finish({ next_run_at: sql`now()` }),
  };
}
