import { sql } from "kysely";
import { getRun, type RunDetail } from "@/server/automation/queries";
import type { Trx } from "@/server/db";
import { AppError } from "@/server/errors";
import { wakeEnginesOnCommit } from "@/server/events/wake";

/**
 * Re-queues a failed run from its last memoized step: its successful steps are kept (they are
 * not run again), its failed steps are discarded (kept for the history, no longer replayed) so
 * they run again, and it starts over at attempt 0. Runs in the caller's tenant transaction; once
 * it commits, every replica's engine is woken (any of them may claim the run), not only this one.
 */
export async function retryRun(trx: Trx, tenantId: string, runId: string): Promise<RunDetail> {
  const run = await (async () => {
    const current = await trx
      .selectFrom("automation_runs")
      .select(["status", "started_at"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", runId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError("NOT_FOUND", "This automation run does not exist.");
    if (current.status !== "failed") {
      throw new AppError(
        "INVALID_TRANSITION",
        `Only a failed run can be retried; this one is ${current.status}.`,
      );
    }
    await trx
      .updateTable("automation_steps")
      .set({ discarded_at: sql`now()` })
      .where("tenant_id", "=", tenantId)
      .where("run_id", "=", runId)
      .where("error", "is not", null)
      .where("discarded_at", "is", null)
      .execute();
    await trx
      .updateTable("automation_runs")
      .set({
        status: current.started_at ? "running" : "queued",
        attempt: 0,
        error: null,
        output: null,
        finished_at: null,
        next_run_at: sql`now()`,
        locked_until: null,
        locked_by: null,
      })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", runId)
      .execute();
    await wakeEnginesOnCommit(trx);
    return getRun(trx, tenantId, runId);
  })();
  if (!run) throw new AppError("NOT_FOUND", "This automation run does not exist.");
  return run;
}
