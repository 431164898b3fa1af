import { type Kysely, sql, type Transaction } from "kysely";
import { type DatabaseHandle, isPooled, openDatabase } from "@/db";
import { migrateToLatest } from "@/db/migrate";
import { APP_ROLE } from "@/db/sql-helpers";

export { inBackground } from "@/db/pglite-priority";

import type { DB } from "@/db/types";
import { env } from "./env";
import { logger } from "./logger";

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** A connection already inside a tenant or platform transaction. */
export type Executor = Db | Trx;

type DatabaseState = {
  handle?: Promise<DatabaseHandle>;
  onReady: Array<(handle: DatabaseHandle) => Promise<void>>;
};
// Kept on globalThis so dev-mode module reloads share one connection.
const holder = globalThis as { __assetronicsDb?: DatabaseState };
holder.__assetronicsDb ??= { onReady: [] };
const state: DatabaseState = holder.__assetronicsDb;

/**
 * The process-wide database: opened on first use, migrated, then handed to every onReady hook
 * (demo seed). Later calls share the same promise.
 */
export function database(): Promise<DatabaseHandle> {
  state.handle ??= (async () => {
    const handle = await openDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    });
    const started = performance.now();
    const migrated = await migrateToLatest(handle.db);
    const applied = migrated.results?.filter((r) => r.status === "Success").length ?? 0;
    logger.info("database ready", {
      driver: handle.driver,
      migrationsApplied: applied,
      ms: Math.round(performance.now() - started),
    });
    for (const hook of state.onReady) await hook(handle);
    return handle;
  })();
  return state.handle;
}

/** Registers work to run once the database is migrated (before the first request uses it). */
export function onDatabaseReady(hook: (handle: DatabaseHandle) => Promise<void>): void {
  state.onReady.push(hook);
}

/** Tests and tools inject an already-open database. */
export function useDatabase(handle: DatabaseHandle): void {
  state.handle = Promise.resolve(handle);
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/** Work a transaction asked for once it has committed, by transaction (see onCommit). */
const commitHooks = new WeakMap<Trx, Set<(db: Db) => void>>();

/**
 * Runs `hook` with the database once `trx` has committed, never if it rolls back; a hook asked
 * for twice runs once. Returns false for a transaction whose commit nobody watches (not opened by
 * withTenant/withPlatform, or on PGlite, where nothing is gained by it and a hook could outlive the
 * closing database): the caller then does the work inside the transaction instead.
 */
export function onCommit(trx: Trx, hook: (db: Db) => void): boolean {
  const hooks = commitHooks.get(trx);
  hooks?.add(hook);
  return hooks !== undefined;
}

async function inTransaction<T>(db: Db, setup: (trx: Trx) => Promise<unknown>, fn: (trx: Trx) => Promise<T>) {
  const hooks = new Set<(db: Db) => void>();
  const result = await db.transaction().execute(async (trx) => {
    if (isPooled(db)) commitHooks.set(trx, hooks);
    await setup(trx);
    return fn(trx);
  });
  for (const hook of hooks) hook(db);
  return result;
}

/**
 * Runs `fn` in a transaction restricted to one tenant: the app role (subject to forced RLS) and
 * app.tenant_id set locally. A query that forgets its tenant filter still sees only this tenant.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  // `set_config('role', ..., true)` is SET LOCAL ROLE; both in one statement, one round trip.
  const setup = (trx: Trx) =>
    sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`.execute(
      trx,
    );
  return inTransaction(db, setup, fn);
}

/**
 * Runs `fn` as a platform service: the owner role with app.platform on, able to reach every
 * tenant. Only sign-in, sign-up and the platform console use it.
 */
export async function withPlatform<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return inTransaction(db, (trx) => sql`select set_config('app.platform', 'on', true)`.execute(trx), fn);
}
