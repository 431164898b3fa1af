import { chmodSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { logger } from "../server/logger";
import { type Listen, listenPglite, listenPostgres } from "./listen";
import { type Hold, PriorityPGliteDialect, peopleFirst } from "./pglite-priority";
import { preparedStatements } from "./pglite-statements.mjs";
import { startPgliteThread } from "./pglite-thread";
import { logPoolError, logQueryErrors } from "./query-errors";
import type { DB } from "./types";

export type Database = Kysely<DB>;

export type DatabaseConfig = {
  databaseUrl?: string;
  dataDir: string;
  /**
   * PostgreSQL only: the longest one statement may run (ms, 0 = no limit), so a pathological query
   * ends with an error instead of holding a connection and its locks. Default 30 s.
   */
  statementTimeoutMs?: number;
  /** PostgreSQL only: a transaction left idle this long (ms, 0 = no limit) is ended. Default 60 s. */
  idleInTransactionTimeoutMs?: number;
};

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /**
   * Wake-ups on commit (PostgreSQL LISTEN/NOTIFY): how the automation engine learns of new events.
   * Optional so a handle wrapped around an existing Kysely instance (tests) needs none.
   */
  listen?: Listen;
  close: () => Promise<void>;
};

// bigint columns (event sequence numbers, counts) come back as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// numeric (money) stays a string so no cent is lost to floating point.
// date stays the calendar day as written ("2026-01-31"): a JS Date would shift it by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/** The in-process PGlite's options; db/pglite-worker.mjs repeats them for the threaded one. */
const pgliteOptions: PGliteOptions = {
  parsers: { 20: (value: string) => Number.parseInt(value, 10), 1082: (value: string) => value },
  // trigram indexes serve "contains" search on assets and employees; btree_gin lets them lead
  // with tenant_id
  extensions: { pg_trgm, btree_gin },
};

/** Opens PostgreSQL when a URL is given, else an embedded PGlite persisted under the data dir. */
const pooledDatabases = new WeakSet<Kysely<DB>>();

/**
 * Whether `db` is a PostgreSQL pool (not PGlite): only a pool gains by doing work after a commit
 * in another transaction (server/events/wake.ts), and PGlite's one in-process connection must not
 * be handed new work once the database is closing.
 */
export const isPooled = (db: Kysely<DB>): boolean => pooledDatabases.has(db);

const sameThreadDatabases = new WeakSet<Kysely<DB>>();

/**
 * Whether `db` runs its SQL on the calling thread (the in-memory PGlite of tests and tooling): then
 * a query's whole duration is time no other request can run, and heavy jobs size their batches by
 * it. PostgreSQL and the app's PGlite (on its worker thread) answer while this thread runs others.
 */
export const runsSqlOnThisThread = (db: Kysely<DB>): boolean => sameThreadDatabases.has(db);

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      // sent with each connection's startup, so every statement of the app is covered
      statement_timeout: config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout:
        config.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    });
    pool.on("error", logPoolError);
    // The pool listens for errors only on idle clients: a checked-out one the server ends (the
    // idle-in-transaction timeout, a restart) would otherwise throw an unhandled 'error' and
    // stop the process. Its query fails instead, and the pool drops it when it is released.
    pool.on("connect", (client) => client.on("error", logPoolError));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: logQueryErrors });
    pooledDatabases.add(db);
    return { db, driver: "postgres", listen: listenPostgres(config.databaseUrl), close: () => db.destroy() };
  }
  const dir = privateDataDir(config.dataDir);
  // On its own thread (db/pglite-thread.ts): the app's statements run beside its requests.
  const pglite = await withOwnerOnlyFiles(() => startPgliteThread(dir));
  restrictToOwner(dir);
  const dialect = new PriorityPGliteDialect(pglite, {
    ...peopleFirst,
    longHoldMs: LONG_HOLD_MS,
    onLongHold: logHold,
  });
  const db = new Kysely<DB>({ dialect, log: logQueryErrors });
  sameThreadDatabases.add(db);
  return { db, driver: "pglite", listen: listenPglite(pglite), close: () => db.destroy() };
}

/**
 * A holder of the embedded database's one connection this long is logged (a warning from 250 ms):
 * every request that came meanwhile waited for it, so these lines name the tail of people's
 * requests.
 */
const LONG_HOLD_MS = 100;

function logHold(hold: Hold) {
  (hold.ms >= 250 ? logger.warn : logger.info)("held the embedded database", {
    ms: hold.ms,
    by: hold.background ? "background work" : "a request",
    statements: hold.statements,
    slowestMs: hold.slowest.ms,
    slowest: hold.slowest.sql,
  });
}

/**
 * The embedded database holds every tenant's rows and password hashes: the data dir and its
 * `pglite` dir are 0700 and nothing in them is readable by other users (like the auth secret
 * `npm start` writes there). A dir an earlier version created 0755/0644 is tightened on open.
 */
function privateDataDir(dataDir: string): string {
  const root = path.resolve(dataDir);
  const dir = path.join(root, "pglite");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(root, 0o700);
  return dir;
}

/** PGlite unpacks its initial cluster with 0644 files; a 077 umask while it opens keeps them private. */
async function withOwnerOnlyFiles<T>(open: () => Promise<T>): Promise<T> {
  let previous: number | undefined;
  try {
    previous = process.umask(0o077);
  } catch {
    // worker threads cannot change the umask: restrictToOwner below still fixes the modes
  }
  try {
    return await open();
  } finally {
    if (previous !== undefined) process.umask(previous);
  }
}

function restrictToOwner(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(file, 0o700);
    else if (entry.isFile()) {
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) chmodSync(file, mode & 0o700);
    }
  }
}

/**
 * Opens an in-memory PGlite (tests and tooling), in this thread: nothing else waits on it, and a
 * test's many small queries are quicker without the hop to a worker.
 */
export async function openMemoryDatabase(): Promise<DatabaseHandle> {
  const pglite = await PGlite.create(pgliteOptions);
  // statements run again are prepared, as on the worker thread (db/pglite-worker.mjs)
  const client = { query: preparedStatements(pglite).query, close: () => pglite.close() };
  const db = new Kysely<DB>({ dialect: new PriorityPGliteDialect(client), log: logQueryErrors });
  sameThreadDatabases.add(db);
  return { db, driver: "pglite", listen: listenPglite(pglite), close: () => db.destroy() };
}
