import { AsyncLocalStorage } from "node:async_hooks";
import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseConnection, Driver, QueryCompiler, TransactionSettings } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import type { PgliteClient } from "./pglite-thread";

/**
 * Work that no person is waiting for (Inngest function runs, label sheets, exports) runs marked as
 * background. On PostgreSQL that changes nothing; on the embedded database, whose one connection
 * every query waits for in turn, a person's request goes before every background transaction
 * still waiting, so it waits for at most the one in flight.
 */
// On globalThis: Next.js may bundle this module once per route, and the route that marks work as
// background must share the store with the driver that reads it.
const holder = globalThis as { __assetronicsBackground?: AsyncLocalStorage<true> };
holder.__assetronicsBackground ??= new AsyncLocalStorage<true>();
const background = holder.__assetronicsBackground;

/** Runs `work` (and everything it starts) as background work. */
export function inBackground<T>(work: () => T): T {
  return background.run(true, work);
}

export const isBackground = (): boolean => background.getStore() === true;

type Waiter = () => void;

/**
 * PGlite's driver with the wait for its one connection in two queues: requests first, then
 * background work, each in arrival order.
 */
class PriorityDriver implements Driver {
  private busy = false;
  private readonly requests: Waiter[] = [];
  private readonly backgroundWork: Waiter[] = [];
  /** Set by destroy(): no query starts after it. */
  private closing = false;
  /** Resolves destroy()'s wait for the transaction in flight. */
  private released: (() => void) | undefined;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.closing) throw new Error("The database is closing: the server is shutting down.");
    if (this.busy) {
      // Handed over by releaseConnection with `busy` left set.
      await new Promise<void>((resolve) =>
        (isBackground() ? this.backgroundWork : this.requests).push(resolve),
      );
      // Woken by destroy() instead: the connection stays with the transaction in flight.
      if (this.closing) throw new Error("The database is closing: the server is shutting down.");
    }
    this.busy = true;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const next = this.closing ? undefined : (this.requests.shift() ?? this.backgroundWork.shift());
    if (next) next();
    else {
      this.busy = false;
      this.released?.();
    }
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    await this.inner.savepoint?.(connection, name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.rollbackToSavepoint?.(connection, name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler["compileQuery"],
  ) {
    await this.inner.releaseSavepoint?.(connection, name, compile);
  }

  /**
   * Closes PGlite between statements, never under one: the work still waiting fails at once, the
   * transaction in flight (an import batch) finishes first. PGlite's close does not wait for a
   * statement running, and a data dir closed mid-write may not open again.
   */
  async destroy(): Promise<void> {
    this.closing = true;
    for (const waiter of [...this.requests.splice(0), ...this.backgroundWork.splice(0)]) waiter();
    if (this.busy) await new Promise<void>((resolve) => (this.released = resolve));
    await this.inner.destroy();
  }
}

/** kysely-pglite-dialect with requests served before background work (see above). */
export class PriorityPGliteDialect extends PGliteDialect {
  /** A PGlite, in this thread or on its own (db/pglite-thread.ts): the dialect only queries and closes. */
  constructor(client: PgliteClient | PGlite) {
    // The dialect is typed for PGlite but calls only query() and close(), which both provide.
    super(client as PGlite);
  }

  override createDriver(): Driver {
    return new PriorityDriver(super.createDriver());
  }
}
