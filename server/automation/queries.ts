import { sql } from "kysely";
import type { Executor } from "../db";

/**
 * Reads for Settings -> Automation, called inside the tenant's transaction (withTenant): RLS
 * already limits them to the tenant, and each also filters by it so the (tenant_id, ...) indexes
 * serve them.
 */
export const runStatuses = [
  "queued",
  "running",
  "sleeping",
  "completed",
  "failed",
  "cancelled",
  "skipped",
] as const;
export type RunStatus = (typeof runStatuses)[number];

/** What an admin sees of an error: no stack traces. */
export type RunError = { name: string; message: string };

export type RunListItem = {
  id: string;
  functionId: string;
  triggerEventId: string;
  triggerEventName: string;
  status: RunStatus;
  /** The attempt the run is on (0-based), and how many it may make per step. */
  attempt: number;
  maxAttempts: number;
  error: RunError | null;
  nextRunAt: Date;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type RunStep = {
  stepId: string;
  name: string;
  /** StepRun (result), StepFailed (out of attempts) or Sleep. */
  op: string;
  data: unknown;
  error: RunError | null;
  attempts: number;
  wakeAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  /** Discarded when the run was retried: kept for the history, no longer replayed. */
  discarded: boolean;
};

export type RunDetail = RunListItem & {
  triggerEvent: unknown;
  /** A batch run's events, in the order they joined the batch; null for a run of one event. */
  batchEventIds: string[] | null;
  output: unknown;
  steps: RunStep[];
};

/** A batch run's event ids (null for a plain run), read without its events' payloads. */
const batchEventIds = sql<string[] | null>`case when batch_key is not null
  then jsonb_path_query_array(trigger_events, '$[*].id') end`;

export type RunFilters = {
  status?: RunStatus;
  functionId?: string;
  /** Keyset paging: runs created before this instant. */
  before?: Date;
  limit?: number;
};

export function toRunError(value: unknown): RunError | null {
  if (value === null || value === undefined) return null;
  const error = value as { name?: unknown; message?: unknown };
  return {
    name: typeof error.name === "string" ? error.name : "Error",
    message: typeof error.message === "string" ? error.message : JSON.stringify(value),
  };
}

const listColumns = [
  "id",
  "function_id",
  "trigger_event_id",
  "trigger_event_name",
  "status",
  "attempt",
  "max_attempts",
  "error",
  "next_run_at",
  "created_at",
  "started_at",
  "finished_at",
] as const;

type ListRow = {
  id: string;
  function_id: string;
  trigger_event_id: string;
  trigger_event_name: string;
  status: string;
  attempt: number;
  max_attempts: number;
  error: unknown;
  next_run_at: Date;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
};

const toListItem = (row: ListRow): RunListItem => ({
  id: row.id,
  functionId: row.function_id,
  triggerEventId: row.trigger_event_id,
  triggerEventName: row.trigger_event_name,
  status: row.status as RunStatus,
  attempt: row.attempt,
  maxAttempts: row.max_attempts,
  error: toRunError(row.error),
  nextRunAt: row.next_run_at,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** A tenant's runs, newest first, optionally by status or function (at most 200 a page). */
export async function listRuns(
  trx: Executor,
  tenantId: string,
  filters: RunFilters = {},
): Promise<RunListItem[]> {
  let query = trx.selectFrom("automation_runs").select(listColumns).where("tenant_id", "=", tenantId);
  if (filters.status) query = query.where("status", "=", filters.status);
  if (filters.functionId) query = query.where("function_id", "=", filters.functionId);
  if (filters.before) query = query.where("created_at", "<", filters.before);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(Math.min(Math.max(filters.limit ?? 50, 1), 200))
    .execute();
  return rows.map(toListItem);
}

/** One run with its trigger event, output and every step in the order they were recorded. */
export async function getRun(trx: Executor, tenantId: string, runId: string): Promise<RunDetail | null> {
  const row = await trx
    .selectFrom("automation_runs")
    .select([...listColumns, "trigger_event", "output"])
    .select(batchEventIds.as("batch_event_ids"))
    .where("tenant_id", "=", tenantId)
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!row) return null;
  const steps = await trx
    .selectFrom("automation_steps")
    .select([
      "step_id",
      "name",
      "op",
      "data",
      "error",
      "attempts",
      "wake_at",
      "created_at",
      "completed_at",
      "discarded_at",
    ])
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .orderBy("id")
    .execute();
  return {
    ...toListItem(row),
    triggerEvent: row.trigger_event,
    batchEventIds: row.batch_event_ids,
    output: row.output,
    steps: steps.map((step) => ({
      stepId: step.step_id,
      name: step.name,
      op: step.op,
      data: step.data,
      error: toRunError(step.error),
      attempts: step.attempts,
      wakeAt: step.wake_at,
      createdAt: step.created_at,
      completedAt: step.completed_at,
      discarded: step.discarded_at !== null,
    })),
  };
}

/** Runs of the tenant by status, for the overview cards. */
export async function runCountsByStatus(db: Executor, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("automation_runs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("tenant_id", "=", tenantId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/** A run found by the events that triggered it: a batch run names every event of its batch. */
export type TriggeredRun = RunListItem & { triggerEventIds: string[] };

/**
 * The runs that some events triggered (the audit trail's causal chain). Asked by function too, so
 * the (function_id, trigger_event_id) key serves it, one probe per function and event, instead of
 * a pass over the tenant's runs: a run of a function missing from `functionIds` is not found. A
 * batch run is found by any of its events (through the GIN index on batch runs' events), not only
 * by the first.
 */
export async function runsTriggeredBy(
  trx: Executor,
  tenantId: string,
  eventIds: readonly string[],
  functionIds: readonly string[],
): Promise<TriggeredRun[]> {
  if (eventIds.length === 0 || functionIds.length === 0) return [];
  const rows = await trx
    .selectFrom("automation_runs")
    .select(listColumns)
    .select(batchEventIds.as("batch_event_ids"))
    .where("tenant_id", "=", tenantId)
    .where("function_id", "in", [...functionIds])
    .where((eb) =>
      eb.or([
        eb("trigger_event_id", "in", [...eventIds]),
        eb.and([
          eb("batch_key", "is not", null),
          eb.or(eventIds.map((id) => sql<boolean>`trigger_events @> ${JSON.stringify([{ id }])}::jsonb`)),
        ]),
      ]),
    )
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    ...toListItem(row),
    triggerEventIds: row.batch_event_ids ?? [row.trigger_event_id],
  }));
}
