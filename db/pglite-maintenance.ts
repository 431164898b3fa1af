import { type Kysely, sql } from "kysely";
import { inBackground } from "./pglite-priority";
import type { DB } from "./types";

/**
 * PGlite has no autovacuum: without it the planner never learns how big a table has grown (an
 * import of 50,000 assets left the export sorting every asset of the tenant for each batch) and
 * dead rows are never reclaimed. This does autovacuum's job for the embedded database with its
 * default thresholds: ANALYZE a table once 50 rows + 10 % of it changed since the last analyze,
 * VACUUM it once 50 rows + 20 % of it are dead. It runs as background work, one table at a time,
 * so a person's request waits for at most one table's turn.
 */

export const autovacuumDefaults = {
  analyzeThreshold: 50,
  analyzeScaleFactor: 0.1,
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
} as const;

/**
 * The statistics target of the maintenance's ANALYZE: it samples 300 rows per point, 3,000 rows
 * here instead of the default's 30,000. Analyzing a 50,000-row table then holds the one connection
 * for about 20 ms instead of 200 ms, while people's requests wait behind it. Ten histogram buckets
 * and up to ten common values per column still tell the planner how big each table has grown and
 * which values dominate it. PGlite has a single session, so the setting stays for the ANALYZEs.
 */
export const MAINTENANCE_STATISTICS_TARGET = 10;

export type TableCare = { table: string; vacuum: boolean; analyze: boolean };

/** The tables of the public schema that autovacuum would see to now, with what each needs. */
export async function tablesNeedingCare(db: Kysely<DB>): Promise<TableCare[]> {
  // Table statistics reach pg_stat_user_tables when the backend flushes them; ask for it now.
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { analyzeThreshold, analyzeScaleFactor, vacuumThreshold, vacuumScaleFactor } = autovacuumDefaults;
  const { rows } = await sql<{ table: string; vacuum: boolean; analyze: boolean }>`
    select s.relname as "table",
           s.n_dead_tup > ${vacuumThreshold} + ${vacuumScaleFactor} * greatest(c.reltuples, 0) as vacuum,
           s.n_mod_since_analyze > ${analyzeThreshold} + ${analyzeScaleFactor} * greatest(c.reltuples, 0) as analyze
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.schemaname = 'public'
     order by s.relname`.execute(db);
  return rows.filter((row) => row.vacuum || row.analyze);
}

/**
 * Vacuums and analyzes what needs it; returns what it did, with how long each table took, its
 * wait for the connection included.
 */
export async function maintainTables(db: Kysely<DB>): Promise<Array<TableCare & { ms: number }>> {
  const due = await tablesNeedingCare(db);
  const done: Array<TableCare & { ms: number }> = [];
  if (due.length > 0)
    await sql`set default_statistics_target = ${sql.lit(MAINTENANCE_STATISTICS_TARGET)}`.execute(db);
  for (const care of due) {
    const table = sql.table(care.table);
    const started = performance.now();
    // VACUUM (ANALYZE) does both in one pass; it cannot run inside a transaction, and Kysely's
    // plain execute runs it on its own.
    if (care.vacuum) await sql`vacuum (analyze) ${table}`.execute(db);
    else await sql`analyze ${table}`.execute(db);
    done.push({ ...care, ms: Math.round(performance.now() - started) });
  }
  return done;
}

export type Maintenance = { stop: () => Promise<void> };

/**
 * Checks every `intervalMs` (a minute by default, like autovacuum's naptime) and looks after the
 * tables that need it. The timer does not keep the process alive; `stop` waits for a pass in
 * progress, so the database can close behind it.
 */
export function startTableMaintenance(
  db: Kysely<DB>,
  options: {
    intervalMs?: number;
    onError: (error: unknown) => void;
    onDone?: (done: Array<TableCare & { ms: number }>) => void;
  },
): Maintenance {
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return;
    running = inBackground(() => maintainTables(db))
      .then((done) => {
        if (done.length > 0) options.onDone?.(done);
      })
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
