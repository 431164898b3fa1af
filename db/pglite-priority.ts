import { AsyncLocalStorage } from "node:async_hooks";
import type { DatabaseConnection, Driver, QueryCompiler, TransactionSettings } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";

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

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) {
      // Handed over by releaseConnection with `busy` left set.
      await new Promise<void>((resolve) =>
        (isBackground() ? this.backgroundWork : this.requests).push(resolve),
      );
    }
    this.busy = true;
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const next = this.requests.shift() ?? this.backgroundWork.shift();
    if (next) next();
    else this.busy = false;
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

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** kysely-pglite-dialect with requests served before background work (see above). */
export class PriorityPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    return new PriorityDriver(super.createDriver());
  }
}
