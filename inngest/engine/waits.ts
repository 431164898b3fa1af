import { sql } from "kysely";
import { type Db, type Trx, withPlatform } from "@/server/db";
import { cancelRunsOnEvents } from "./cancellation";
import type { Due } from "./durations";
import { compileExpression, type Expression, evaluateCondition } from "./expressions";
import type { EngineFunction } from "./functions";
import type { TriggerEvent } from "./runs";
import { dueSql } from "./sql-time";

/** A `step.waitForEvent` the function asked for (a WaitForEvent op). */
export type EventWait = {
  stepId: string;
  name: string;
  /** The awaited event's name. */
  event: string;
  /** CEL over `event` (the run's trigger) and `async` (the candidate); the SDK turns `match` into one. */
  expression: string | null;
  expires: Due;
};

const UNFINISHED = ["queued", "running", "sleeping"] as const;

/** The run waiting, as its worker holds it. */
export type WaitingRun = { id: string; tenantId: string };

/**
 * Persists event waits in the waiting run's transaction: the step is a pending row that
 * completes with null (Inngest's timeout result) when its time is up, and the wait is what
 * dispatched events are matched against. A step already pending (the op replayed) keeps its
 * wait and its original timeout.
 */
export async function recordEventWaits(
  trx: Trx,
  run: WaitingRun,
  waits: readonly EventWait[],
): Promise<void> {
  for (const wait of waits) {
    const pending = await trx
      .insertInto("automation_steps")
      .values({
        tenant_id: run.tenantId,
        run_id: run.id,
        step_id: wait.stepId,
        name: wait.name,
        op: "WaitForEvent",
        data: JSON.stringify(null),
        wake_at: dueSql(wait.expires),
        completed_at: dueSql(wait.expires),
      })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "run_id", "step_id"]).where("discarded_at", "is", null).doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!pending) continue;
    await trx
      .insertInto("automation_waits")
      .values({
        tenant_id: run.tenantId,
        run_id: run.id,
        step_id: wait.stepId,
        kind: "event",
        event_name: wait.event,
        expression: wait.expression,
        expires_at: dueSql(wait.expires),
      })
      .execute();
  }
}

const expressions = new Map<string, Expression>();

/** Compiled once per source; an expression CEL cannot read matches nothing. */
function matches(source: string | null, variables: { event: unknown; async: unknown }): boolean {
  if (source === null) return true;
  let expression = expressions.get(source);
  if (!expression) {
    try {
      expression = compileExpression(source);
    } catch {
      return false;
    }
    expressions.set(source, expression);
  }
  return evaluateCondition(expression, variables);
}

/** The live waits for these event names, with the trigger event of their run. */
function liveWaits(trx: Trx, names: readonly string[], runIds?: readonly string[]) {
  return trx
    .selectFrom("automation_waits as w")
    .innerJoin("automation_runs as r", "r.id", "w.run_id")
    .select([
      "w.id",
      "w.run_id",
      "w.step_id",
      "w.event_name",
      "w.expression",
      "w.created_at",
      "r.trigger_event",
    ])
    .where("w.kind", "=", "event")
    .where("w.event_name", "in", names)
    .where("w.expires_at", ">", sql<Date>`now()`)
    .where("r.status", "in", UNFINISHED)
    .$if(runIds !== undefined, (query) => query.where("w.run_id", "in", runIds ?? []))
    .orderBy("w.id")
    .execute();
}

/**
 * Resumes the runs waiting for these events: each live wait for an event's name, sent after the
 * wait began, whose expression holds completes its step with the first such event, and its run
 * is due at once. The waiting runs are locked first, in id order (a worker writing a run locks
 * its row before its steps and waits, so the two never deadlock), then their waits are read
 * again: a wait two dispatchers both match is taken once, and a step whose timeout passed
 * meanwhile keeps its null.
 */
async function resumeEventWaits(trx: Trx, events: readonly TriggerEvent[]): Promise<number> {
  const names = [...new Set(events.map((event) => event.name))];
  const candidates = await liveWaits(trx, names);
  if (candidates.length === 0) return 0;
  const locked = await trx
    .selectFrom("automation_runs")
    .select("id")
    .where("id", "in", [...new Set(candidates.map((wait) => wait.run_id))])
    .where("status", "in", UNFINISHED)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (locked.length === 0) return 0;
  const waits = await liveWaits(
    trx,
    names,
    locked.map((run) => run.id),
  );

  const resumed: Array<{ waitId: number; runId: string; stepId: string; event: TriggerEvent }> = [];
  for (const wait of waits) {
    // As with Inngest, only an event sent once the wait exists can end it.
    const event = events.find(
      (candidate) =>
        candidate.name === wait.event_name &&
        candidate.ts >= wait.created_at.getTime() &&
        matches(wait.expression, { event: wait.trigger_event, async: candidate }),
    );
    if (event) resumed.push({ waitId: wait.id, runId: wait.run_id, stepId: wait.step_id, event });
  }
  if (resumed.length === 0) return 0;
  await trx
    .deleteFrom("automation_waits")
    .where(
      "id",
      "in",
      resumed.map((item) => item.waitId),
    )
    .execute();
  for (const item of resumed) {
    await trx
      .updateTable("automation_steps")
      .set({ data: JSON.stringify(item.event), completed_at: sql`now()`, wake_at: sql`now()` })
      .where("run_id", "=", item.runId)
      .where("step_id", "=", item.stepId)
      .where("discarded_at", "is", null)
      .where("completed_at", ">", sql<Date>`now()`)
      .execute();
  }
  await trx
    .updateTable("automation_runs")
    .set({ next_run_at: sql`now()` })
    .where(
      "id",
      "in",
      resumed.map((item) => item.runId),
    )
    .execute();
  return resumed.length;
}

/**
 * What dispatched events do to runs that already exist, in the transaction that dispatches them
 * (the engine's dispatcher, and its event API for `step.sendEvent`): they resume the runs
 * waiting for them (`step.waitForEvent`) and cancel the runs they cancel (`cancelOn`). Returns
 * how many runs were resumed (due now: the caller wakes the engine).
 */
export async function matchWaitingRuns(
  trx: Trx,
  events: readonly TriggerEvent[],
  functions: Iterable<EngineFunction>,
): Promise<number> {
  if (events.length === 0) return 0;
  const resumed = await resumeEventWaits(trx, events);
  await cancelRunsOnEvents(trx, events, functions);
  return resumed;
}

/** Drops waits nobody can meet any more: timed out, or their run ended. */
export async function purgeStaleWaits(db: Db): Promise<void> {
  await withPlatform(db, (trx) =>
    sql`
      delete from automation_waits w
       where w.expires_at < now()
          or exists (select 1 from automation_runs r
                      where r.id = w.run_id and r.status in ('completed', 'failed', 'cancelled'))`.execute(
      trx,
    ),
  );
}
