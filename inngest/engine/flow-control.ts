import { type InsertObject, sql } from "kysely";
import type { DB } from "@/db/types";
import type { Trx } from "@/server/db";
import { cancelRuns } from "./cancellation";
import { type Expression, evaluateKey, evaluateNumber } from "./expressions";
import type { EngineFunction, FlowControl } from "./functions";
import type { RunRequest, TriggerEvent } from "./runs";
import { msFromNow } from "./sql-time";

/**
 * Enqueue-time flow control, with Inngest's semantics:
 * - idempotency: one run per key in 24 hours; later events are skipped.
 * - rateLimit: at most `limit` runs per key in a sliding `period`; events past it are skipped.
 * - singleton: one unfinished run per key; "skip" skips the new event, "cancel" cancels the
 *   unfinished run and starts the new one.
 * - debounce: one queued run per key collects events; each event replaces its trigger and moves
 *   its start to `period` later, never past `timeout` after the first event.
 * - batchEvents: one queued run per key collects up to `maxSize` events; it starts when full or
 *   `timeout` after its first event, and receives them all as `events`.
 * A skipped event still gets a run row, status "skipped" with the reason, so Settings ->
 * Automation shows why nothing ran. Debounce and batch runs collect events of one tenant only,
 * so a run never carries another tenant's data.
 */

/** A new automation_runs row; columns may be SQL (`now() + ...`). */
export type RunRow = InsertObject<DB, "automation_runs">;

/** Inngest's idempotency window. */
const IDEMPOTENCY_MS = 24 * 60 * 60_000;
/** Inngest's documented range for priority.run factors, in seconds. */
const MAX_PRIORITY_SECONDS = 600;

export const gatedAtEnqueue = (flow: FlowControl): boolean =>
  flow.idempotency !== null ||
  flow.rateLimit !== null ||
  flow.singleton !== null ||
  flow.debounce !== null ||
  flow.batch !== null;

const keyOf = (expression: Expression | null, event: TriggerEvent) =>
  expression ? evaluateKey(expression, { event }) : "";

/**
 * The concurrency groups of a run, one per limit: a function-scoped group is private to the
 * function; an env- or account-scoped group is shared by every function whose key gives the same
 * value (one engine is one environment and one account).
 */
export function concurrencyGroups(fn: EngineFunction, event: TriggerEvent): string[] | null {
  if (fn.flow.concurrency.length === 0) return null;
  return fn.flow.concurrency.map((limit) => {
    const key = keyOf(limit.key, event);
    return limit.scope === "fn" ? `fn:${fn.id}:${key}` : `${limit.scope}:${key}`;
  });
}

/** The priority factor in whole seconds, clamped to Inngest's range. */
function prioritySeconds(fn: EngineFunction, event: TriggerEvent): number {
  if (!fn.flow.priority) return 0;
  const seconds = Math.trunc(evaluateNumber(fn.flow.priority, { event }));
  return Math.max(-MAX_PRIORITY_SECONDS, Math.min(MAX_PRIORITY_SECONDS, seconds));
}

/**
 * The row of a new run. Priority moves its place in the claim order (next_run_at): a factor of
 * 120 puts it ahead of runs queued up to 120 s earlier; a negative factor delays it. A start
 * timeout counts from when the run is first due.
 */
export function runColumns({ fn, event, tenantId }: RunRequest): RunRow {
  const priorityMs = prioritySeconds(fn, event) * 1000;
  return {
    tenant_id: tenantId,
    function_id: fn.id,
    trigger_event_id: event.id,
    trigger_event_name: event.name,
    trigger_event: JSON.stringify(event),
    max_attempts: fn.maxAttempts,
    concurrency_keys: concurrencyGroups(fn, event),
    throttle_key: fn.flow.throttle ? keyOf(fn.flow.throttle.key, event) : null,
    ...(priorityMs !== 0
      ? { next_run_at: sql<Date>`now() - (${priorityMs}::bigint * interval '1 millisecond')` }
      : {}),
    ...(fn.flow.startTimeoutMs !== null
      ? { start_deadline: msFromNow(Math.max(0, -priorityMs) + fn.flow.startTimeoutMs) }
      : {}),
  };
}

/** The keys an event's gates lock, so dispatchers of one key take turns. */
function gateLocks({ fn, event, tenantId }: RunRequest): string[] {
  const { flow } = fn;
  const locks: string[] = [];
  if (flow.idempotency) locks.push(`idempotency:${fn.id}:${keyOf(flow.idempotency, event)}`);
  if (flow.rateLimit) locks.push(`rate:${fn.id}:${keyOf(flow.rateLimit.key, event)}`);
  if (flow.singleton) locks.push(`singleton:${fn.id}:${keyOf(flow.singleton.key, event)}`);
  if (flow.debounce) locks.push(`debounce:${fn.id}:${tenantId}:${keyOf(flow.debounce.key, event)}`);
  if (flow.batch) locks.push(`batch:${fn.id}:${tenantId}:${keyOf(flow.batch.key, event)}`);
  return locks;
}

/**
 * Takes every gate lock of the batch in one statement, in hash order: two dispatchers (replicas,
 * or the event API beside the outbox dispatcher) always lock in the same order and cannot
 * deadlock. Held until the transaction ends.
 */
async function lockGates(trx: Trx, requests: readonly RunRequest[]): Promise<void> {
  const keys = [...new Set(requests.flatMap(gateLocks))];
  await sql`
    select count(pg_advisory_xact_lock(hashtext('assetronics.flow-control'), h))
    from (select distinct hashtext(k) as h from unnest(${keys}::text[]) as k order by 1) as ordered
  `.execute(trx);
}

const skipped = (name: string, message: string) => ({
  status: "skipped",
  error: JSON.stringify({ name, message }),
  finished_at: sql<Date>`now()`,
});

async function insertRun(trx: Trx, row: RunRow): Promise<number> {
  const inserted = await trx
    .insertInto("automation_runs")
    .values(row)
    .onConflict((oc) => oc.columns(["function_id", "trigger_event_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted ? 1 : 0;
}

/** How many runs of this function and key were queued in the last `sinceMs`, skipped ones aside. */
async function startedSince(
  trx: Trx,
  fn: EngineFunction,
  column: "idempotency_key" | "rate_limit_key",
  key: string,
  sinceMs: number,
): Promise<number> {
  const { count } = await trx
    .selectFrom("automation_runs")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("function_id", "=", fn.id)
    .where(column, "=", key)
    .where("status", "<>", "skipped")
    .where("created_at", ">", sql<Date>`now() - (${sinceMs}::bigint * interval '1 millisecond')`)
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Why the event starts no run, or null; adds the gate's keys to `row` as it goes. */
async function skipReason(
  trx: Trx,
  { fn, event }: RunRequest,
  row: RunRow,
): Promise<ReturnType<typeof skipped> | null> {
  const { flow } = fn;
  if (flow.idempotency) {
    const key = keyOf(flow.idempotency, event);
    row.idempotency_key = key;
    if ((await startedSince(trx, fn, "idempotency_key", key, IDEMPOTENCY_MS)) > 0)
      return skipped("Idempotent", `A run with idempotency key "${key}" started within the last 24 hours.`);
  }
  if (flow.rateLimit) {
    const key = keyOf(flow.rateLimit.key, event);
    row.rate_limit_key = key;
    if ((await startedSince(trx, fn, "rate_limit_key", key, flow.rateLimit.periodMs)) >= flow.rateLimit.limit)
      return skipped(
        "RateLimited",
        `Rate limit reached: ${flow.rateLimit.limit} run(s) per ${flow.rateLimit.periodMs / 1000} s${key ? ` for "${key}"` : ""}; this event was skipped.`,
      );
  }
  if (flow.singleton) {
    const key = keyOf(flow.singleton.key, event);
    row.singleton_key = key;
    const active = trx
      .selectFrom("automation_runs")
      .select("id")
      .where("function_id", "=", fn.id)
      .where("singleton_key", "=", key)
      .where("status", "in", ["queued", "running", "sleeping"]);
    if (flow.singleton.mode === "skip") {
      if (await active.executeTakeFirst())
        return skipped(
          "Singleton",
          `A run for singleton key "${key}" is still in progress; this event was skipped.`,
        );
    } else {
      const unfinished = await active.execute();
      await cancelRuns(
        trx,
        unfinished.map((run) => run.id),
        {
          name: "Cancelled",
          message: `Replaced by the run of event ${event.id} (singleton key "${key}", mode cancel).`,
        },
      );
    }
  }
  return null;
}

/** Adds the event to the open debounce run of its key (its trigger from now on), or opens one. */
async function debounce(trx: Trx, request: RunRequest, row: RunRow): Promise<number> {
  const { fn, event, tenantId } = request;
  const settings = fn.flow.debounce;
  if (!settings) return 0;
  const key = keyOf(settings.key, event);
  const due = sql<Date>`least(now() + (${settings.periodMs}::bigint * interval '1 millisecond'), coalesce(debounce_until, 'infinity'))`;
  const moved = await trx
    .updateTable("automation_runs")
    .set({
      trigger_event_id: event.id,
      trigger_event_name: event.name,
      trigger_event: row.trigger_event,
      concurrency_keys: row.concurrency_keys,
      throttle_key: row.throttle_key,
      next_run_at: due,
      ...(fn.flow.startTimeoutMs !== null
        ? {
            start_deadline: sql<Date>`${due} + (${fn.flow.startTimeoutMs}::bigint * interval '1 millisecond')`,
          }
        : {}),
    })
    .where("function_id", "=", fn.id)
    .where("tenant_id", "=", tenantId)
    .where("debounce_key", "=", key)
    .where("status", "=", "queued")
    .where("started_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (moved) return 0;
  return insertRun(trx, {
    ...row,
    debounce_key: key,
    next_run_at: msFromNow(settings.periodMs),
    debounce_until: settings.timeoutMs === null ? null : msFromNow(settings.timeoutMs),
    ...(fn.flow.startTimeoutMs !== null
      ? { start_deadline: msFromNow(settings.periodMs + fn.flow.startTimeoutMs) }
      : {}),
  });
}

/** Appends the event to the open batch of its key (due at once when full), or opens one. */
async function addToBatch(trx: Trx, request: RunRequest, row: RunRow): Promise<number> {
  const { fn, event, tenantId } = request;
  const settings = fn.flow.batch;
  if (!settings) return 0;
  const key = keyOf(settings.key, event);
  const item = JSON.stringify([event]);
  const added = await trx
    .updateTable("automation_runs")
    .set({
      trigger_events: sql`trigger_events || ${item}::jsonb`,
      next_run_at: sql<Date>`case when jsonb_array_length(trigger_events) + 1 >= ${settings.maxSize} then now() else next_run_at end`,
    })
    .where("function_id", "=", fn.id)
    .where("tenant_id", "=", tenantId)
    .where("batch_key", "=", key)
    .where("status", "=", "queued")
    .where("started_at", "is", null)
    .where(sql<boolean>`jsonb_array_length(trigger_events) < ${settings.maxSize}`)
    .where(sql<boolean>`not trigger_events @> ${JSON.stringify([{ id: event.id }])}::jsonb`)
    .returning("id")
    .executeTakeFirst();
  if (added) return 0;
  const full = settings.maxSize <= 1;
  return insertRun(trx, {
    ...row,
    batch_key: key,
    trigger_events: item,
    next_run_at: full ? sql<Date>`now()` : msFromNow(settings.timeoutMs),
    ...(fn.flow.startTimeoutMs !== null
      ? { start_deadline: msFromNow((full ? 0 : settings.timeoutMs) + fn.flow.startTimeoutMs) }
      : {}),
  });
}

/**
 * A redelivered event that already has its run (or its skipped run) changes nothing: without
 * this, a singleton in cancel mode would cancel the very run the event started.
 */
async function alreadyQueued(trx: Trx, { fn, event }: RunRequest): Promise<boolean> {
  const run = await trx
    .selectFrom("automation_runs")
    .select("id")
    .where("function_id", "=", fn.id)
    .where("trigger_event_id", "=", event.id)
    .executeTakeFirst();
  return run !== undefined;
}

/**
 * Queues the runs of functions with enqueue-time flow control, one event at a time in order,
 * under the gate locks of the whole batch. Returns the runs created (skipped ones included).
 */
export async function enqueueGated(trx: Trx, requests: readonly RunRequest[]): Promise<number> {
  await lockGates(trx, requests);
  let created = 0;
  for (const request of requests) {
    if (await alreadyQueued(trx, request)) continue;
    const row = runColumns(request);
    const skip = await skipReason(trx, request, row);
    if (skip) created += await insertRun(trx, { ...row, ...skip });
    else if (request.fn.flow.debounce) created += await debounce(trx, request, row);
    else if (request.fn.flow.batch) created += await addToBatch(trx, request, row);
    else created += await insertRun(trx, row);
  }
  return created;
}
