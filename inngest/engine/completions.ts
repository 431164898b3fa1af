import { sql } from "kysely";
import { type Db, withPlatform } from "@/server/db";
import { resolveInvocations } from "./invocations";

type Pending = {
  runId: string;
  output: string;
  invoked: boolean;
  settle: (held: boolean) => void;
  fail: (error: unknown) => void;
};

export type CompletionWriter = {
  /**
   * Marks a run this worker holds as completed with its output. Resolves true once committed, false
   * when the worker no longer held the run (another one took it over). An `invoked` run (started
   * by `step.invoke`) hands its output to the invoking step in the same transaction.
   */
  complete(runId: string, output: unknown, invoked?: boolean): Promise<boolean>;
};

/**
 * Group commit for finished runs: a completion waits only while the previous write is in flight,
 * and every completion that arrived meanwhile is written by the next one, in one statement. Under
 * load one transaction completes many runs (each run's own transaction cost a begin, the platform
 * flag, the update and a commit: four round trips); when idle, a completion is written at once.
 * Each run is still updated only while this worker holds its lease, as every other state write.
 */
export function completionWriter(db: Db, workerId: string): CompletionWriter {
  let queue: Pending[] = [];
  let writing = false;

  async function write(batch: Pending[]): Promise<void> {
    const values = sql.join(batch.map((item) => sql`(${item.runId}::uuid, ${item.output}::jsonb)`));
    const done = await withPlatform(db, async (trx) => {
      const held = await sql<{ id: string }>`
        update automation_runs as r
           set status = 'completed', output = v.output, error = null, finished_at = now(),
               locked_until = null, locked_by = null
          from (values ${values}) as v(id, output)
         where r.id = v.id and r.locked_by = ${workerId}
           and r.status in ('queued', 'running', 'sleeping')
        returning r.id`.execute(trx);
      const ids = new Set(held.rows.map((row) => row.id));
      await resolveInvocations(
        trx,
        batch.filter((item) => item.invoked && ids.has(item.runId)).map((item) => item.runId),
      );
      return ids;
    });
    for (const item of batch) item.settle(done.has(item.runId));
  }

  function drain(): void {
    if (writing || queue.length === 0) return;
    const batch = queue;
    queue = [];
    writing = true;
    write(batch)
      .catch((error) => {
        for (const item of batch) item.fail(error);
      })
      .finally(() => {
        writing = false;
        drain();
      });
  }

  return {
    complete(runId, output, invoked = false) {
      return new Promise<boolean>((settle, fail) => {
        queue.push({ runId, output: JSON.stringify(output ?? null), invoked, settle, fail });
        drain();
      });
    },
  };
}
