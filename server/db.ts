import { type Kysely, sql, type Transaction } from "kysely";
import { type DatabaseHandle, openDatabase } from "@/db";
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

/**
 * Runs `fn` in a transaction restricted to one tenant: the app role (subject to forced RLS) and
 * app.tenant_id set locally. A query that forgets its tenant filter still sees only this tenant.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // `set_config('role', ..., true)` is SET LOCAL ROLE; both in one statement, one round trip.
    await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', ${APP_ROLE}, true)`.execute(
      trx,
    );
    return fn(trx);
  });
}

/**
 * Runs `fn` as a platform service: the owner role with app.platform on, able to reach every
 * tenant. Only sign-in, sign-up and the platform console use it.
 */
export async function withPlatform<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.platform', 'on', true)`.execute(trx);
    return fn(trx);
  });
}
