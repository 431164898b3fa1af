import { sql } from "kysely";
import type { EngineFunction } from "@/inngest/engine/functions";
import { type Db, withPlatform } from "@/server/db";

/** Where the automation of a database stands: what the queues still hold and what ran. */
export type AutomationProgress = {
  pendingDeliveries: number;
  unfinishedRuns: number;
  runs: number;
  /** Runs whose current attempt was taken over from a worker that died. */
  takenOver: string[];
};

export async function automationProgress(db: Db): Promise<AutomationProgress> {
  return withPlatform(db, async (trx) => {
    const counts = await sql<{ pending: number; unfinished: number; runs: number }>`
      select
        (select count(*) from event_deliveries where status = 'pending')::int as pending,
        (select count(*) from automation_runs where status in ('queued', 'running', 'sleeping'))::int as unfinished,
        (select count(*) from automation_runs)::int as runs
    `.execute(trx);
    const takenOver = await trx
      .selectFrom("automation_runs")
      .select("id")
      .where(sql<string>`error->>'name'`, "=", "WorkerLost")
      .execute();
    const row = counts.rows[0] ?? { pending: 0, unfinished: 0, runs: 0 };
    return {
      pendingDeliveries: row.pending,
      unfinishedRuns: row.unfinished,
      runs: row.runs,
      takenOver: takenOver.map((run) => run.id),
    };
  });
}

/** Unfinished runs by function and status, for a drain that does not end. */
export async function unfinishedRuns(db: Db): Promise<Record<string, number>> {
  return withPlatform(db, async (trx) => {
    const rows = await trx
      .selectFrom("automation_runs")
      .select(["function_id", "status", (eb) => eb.fn.countAll<number>().as("runs")])
      .where("status", "in", ["queued", "running", "sleeping"])
      .groupBy(["function_id", "status"])
      .execute();
    return Object.fromEntries(rows.map((row) => [`${row.function_id} ${row.status}`, Number(row.runs)]));
  });
}

export type AutomationLedger = {
  events: number;
  /** (function, event) pairs the registry says must run: one per triggered function per event. */
  expectedRuns: number;
  /** Expected pairs with no run, and pairs with more than one. */
  missingRuns: string[];
  duplicateRuns: string[];
  /** Runs that did not end `completed`, or still hold a lease. */
  unfinished: Array<{
    id: string;
    functionId: string;
    status: string;
    lockedBy: string | null;
    error: unknown;
  }>;
  runsByFunction: Record<string, number>;
  /** Runs whose memoized steps record more than one attempt. */
  retriedRuns: number;
};

/**
 * Every committed event against the runs it should have caused, per the function registry:
 * exactly one run per (triggered function, event), each completed with its lease released.
 */
export async function automationLedger(
  db: Db,
  functions: readonly EngineFunction[],
): Promise<AutomationLedger> {
  return withPlatform(db, async (trx) => {
    const events = await trx.selectFrom("events").select(["id", "name"]).execute();
    const runs = await trx
      .selectFrom("automation_runs")
      .select(["id", "function_id", "trigger_event_id", "status", "locked_by", "error"])
      .execute();
    const retried = await trx
      .selectFrom("automation_steps")
      .select("run_id")
      .distinct()
      .where("discarded_at", "is", null)
      .where("attempts", ">", 1)
      .execute();

    const runCount = new Map<string, number>();
    for (const run of runs) {
      const key = `${run.function_id} <- ${run.trigger_event_id}`;
      runCount.set(key, (runCount.get(key) ?? 0) + 1);
    }
    const expected = events.flatMap((event) =>
      functions.filter((fn) => fn.events.includes(event.name)).map((fn) => `${fn.id} <- ${event.id}`),
    );
    const runsByFunction: Record<string, number> = {};
    for (const run of runs) runsByFunction[run.function_id] = (runsByFunction[run.function_id] ?? 0) + 1;

    return {
      events: events.length,
      expectedRuns: expected.length,
      missingRuns: expected.filter((key) => !runCount.has(key)),
      duplicateRuns: [...runCount].filter(([, count]) => count > 1).map(([key]) => key),
      unfinished: runs
        .filter((run) => run.status !== "completed" || run.locked_by !== null)
        .map((run) => ({
          id: run.id,
          functionId: run.function_id,
          status: run.status,
          lockedBy: run.locked_by,
          error: run.error,
        })),
      runsByFunction,
      retriedRuns: retried.length,
    };
  });
}

export type TenantDefaults = {
  tenantId: string;
  locations: number;
  headquarters: number;
  departments: number;
  itDepartments: number;
  locationEvents: number;
  departmentEvents: number;
  categories: number;
  categoryNames: number;
  categoryEvents: number;
};

/** What provision-tenant-defaults left in each tenant: its rows and the events it emitted. */
export async function tenantDefaults(db: Db): Promise<TenantDefaults[]> {
  return withPlatform(db, async (trx) => {
    const result = await sql<TenantDefaults>`
      select
        t.id as "tenantId",
        (select count(*) from locations l where l.tenant_id = t.id)::int as "locations",
        (select count(*) from locations l where l.tenant_id = t.id and l.name = 'Headquarters')::int as "headquarters",
        (select count(*) from departments d where d.tenant_id = t.id)::int as "departments",
        (select count(*) from departments d where d.tenant_id = t.id and d.name = 'IT Department')::int as "itDepartments",
        (select count(*) from events e where e.tenant_id = t.id and e.name = 'location.created')::int as "locationEvents",
        (select count(*) from events e where e.tenant_id = t.id and e.name = 'department.created')::int as "departmentEvents",
        (select count(*) from categories c where c.tenant_id = t.id)::int as "categories",
        (select count(distinct c.normalized_name) from categories c where c.tenant_id = t.id)::int as "categoryNames",
        (select count(*) from events e where e.tenant_id = t.id and e.name = 'category.created')::int as "categoryEvents"
      from tenants t
      order by t.created_at
    `.execute(trx);
    return result.rows;
  });
}
