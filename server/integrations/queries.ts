import { type Selectable, sql } from "kysely";
import type { IntegrationRuns, Integrations } from "@/db/types";
import type { Executor } from "../db";
import { AppError } from "../errors";
import type { RunMode, RunStatus, RunSummary, RunTrigger } from "./schemas";

export type IntegrationRow = Selectable<Integrations>;
export type RunRow = Selectable<IntegrationRuns>;

/** Runs counted for an integration's success rate. */
export const SUCCESS_RATE_RUNS = 30;
/** How far back the health chart reaches. */
export const HEALTH_DAYS = 90;
/** Per-record errors a run page shows (the count says how many there are in all). */
export const RUN_ERRORS_SHOWN = 500;

const notFound = () =>
  new AppError("NOT_FOUND", "That integration does not exist here; it may have been removed.");

export async function findIntegration(db: Executor, tenantId: string, id: string): Promise<IntegrationRow> {
  const row = await db
    .selectFrom("integrations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The integration, locked until the transaction ends (edits, removal, starting a run). */
export async function lockIntegration(db: Executor, tenantId: string, id: string): Promise<IntegrationRow> {
  const row = await db
    .selectFrom("integrations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function findRun(db: Executor, tenantId: string, runId: string): Promise<RunRow> {
  const row = await db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", runId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That sync run does not exist here.");
  return row;
}

export async function lockRun(db: Executor, tenantId: string, runId: string): Promise<RunRow> {
  const row = await db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", runId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That sync run does not exist here.");
  return row;
}

/** The integration's queued or running run, if any (at most one: integration_runs_active_key). */
export function activeRun(db: Executor, tenantId: string, integrationId: string) {
  return db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", integrationId)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
}

/** The integration's newest run, whatever its status. */
export function latestRun(db: Executor, tenantId: string, integrationId: string) {
  return db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", integrationId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

export function runSummaryOf(row: RunRow): RunSummary {
  const durationMs =
    row.started_at && row.finished_at ? row.finished_at.getTime() - row.started_at.getTime() : null;
  return {
    id: row.id,
    integrationId: row.integration_id,
    trigger: row.trigger as RunTrigger,
    requestedBy: row.requested_by_label,
    mode: row.mode as RunMode,
    status: row.status as RunStatus,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs,
    pages: row.pages,
    total: row.total,
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    skipped: row.skipped,
    failed: row.failed,
    error: row.error,
    errorKind: row.error_kind,
  };
}

export function listIntegrationRows(db: Executor, tenantId: string) {
  return db
    .selectFrom("integrations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy(sql`lower(name)`)
    .execute();
}

/** Each integration's newest run (one row per integration that has run). */
export function latestRuns(db: Executor, tenantId: string) {
  return db
    .selectFrom("integration_runs")
    .selectAll()
    .distinctOn("integration_id")
    .where("tenant_id", "=", tenantId)
    .orderBy("integration_id")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/**
 * The share of each integration's last SUCCESS_RATE_RUNS finished runs that completed (succeeded,
 * or partial: done with some records reported), 0..1; integrations with no finished run are absent.
 */
export async function successRates(db: Executor, tenantId: string): Promise<Map<string, number>> {
  const result = await sql<{ integration_id: string; rate: number }>`
    select integration_id, avg(case when status in ('succeeded', 'partial') then 1.0 else 0.0 end)::float8 as rate
    from (
      select integration_id, status,
             row_number() over (partition by integration_id order by created_at desc, id desc) as n
      from integration_runs
      where tenant_id = ${tenantId} and status in ('succeeded', 'partial', 'failed')
    ) recent
    where n <= ${SUCCESS_RATE_RUNS}
    group by integration_id`.execute(db);
  return new Map(result.rows.map((row) => [row.integration_id, Number(row.rate)]));
}

/** One page of an integration's runs, newest first, after `cursor` (a run id of the previous page). */
export async function runsPage(
  db: Executor,
  tenantId: string,
  params: { integrationId: string; limit: number; cursor?: string | null },
) {
  let query = db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", params.integrationId);
  if (params.cursor) {
    const after = await db
      .selectFrom("integration_runs")
      .select(["created_at", "id"])
      .where("tenant_id", "=", tenantId)
      .where("id", "=", params.cursor)
      .executeTakeFirst();
    if (after) {
      query = query.where((eb) =>
        eb.or([
          eb("created_at", "<", after.created_at),
          eb.and([eb("created_at", "=", after.created_at), eb("id", "<", after.id)]),
        ]),
      );
    }
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(params.limit + 1)
    .execute();
  const items = rows.slice(0, params.limit);
  return {
    items: items.map(runSummaryOf),
    nextCursor: rows.length > params.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

export async function runErrors(db: Executor, tenantId: string, runId: string) {
  const [errors, count] = await Promise.all([
    db
      .selectFrom("integration_run_errors")
      .select(["external_id", "reason"])
      .where("tenant_id", "=", tenantId)
      .where("run_id", "=", runId)
      .orderBy("id")
      .limit(RUN_ERRORS_SHOWN)
      .execute(),
    db
      .selectFrom("integration_run_errors")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", tenantId)
      .where("run_id", "=", runId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    errors: errors.map((row) => ({ externalId: row.external_id, reason: row.reason })),
    errorCount: Number(count.n),
  };
}

/** The runs of the last HEALTH_DAYS days that started, oldest first: the health chart's points. */
export async function healthPoints(db: Executor, tenantId: string, integrationId: string) {
  const rows = await db
    .selectFrom("integration_runs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("integration_id", "=", integrationId)
    .where("started_at", "is not", null)
    .where("started_at", ">=", sql<Date>`now() - make_interval(days => ${HEALTH_DAYS})`)
    .orderBy("started_at")
    .limit(2_000)
    .execute();
  return rows.map((row) => {
    const summary = runSummaryOf(row);
    return {
      runId: row.id,
      startedAt: row.started_at as Date,
      durationMs: summary.durationMs,
      status: summary.status,
      added: row.added,
      updated: row.updated,
      failed: row.failed + row.skipped,
    };
  });
}

/**
 * Enabled integrations whose schedule is due, across tenants (the hourly cron, platform scope):
 * hourly ones with no run in the last 50 minutes, daily ones with none in the last 23 h 50 min.
 */
export async function dueScheduledSyncs(db: Executor, limit: number) {
  const rows = await db
    .selectFrom("integrations as i")
    .select(["i.id", "i.tenant_id"])
    .where("i.enabled", "=", true)
    .where("i.schedule", "in", ["hourly", "daily"])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("integration_runs as r")
            .select(sql`1`.as("one"))
            .whereRef("r.integration_id", "=", "i.id")
            .where(
              "r.created_at",
              ">",
              sql<Date>`now() - case when i.schedule = 'hourly' then interval '50 minutes' else interval '23 hours 50 minutes' end`,
            ),
        ),
      ),
    )
    .orderBy("i.tenant_id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id }));
}
