import { AsyncLocalStorage } from "node:async_hooks";
import type { PGlite } from "@electric-sql/pglite";
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from "kysely";
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

type Waiter = { resume: () => void; since: number };

/**
 * How long after a person's transaction background work keeps off the connection: a page's
 * transactions come in phases (the session, then the page's reads) with a few milliseconds of
 * rendering between them, and a background transaction that slips into that gap (an import's
 * batch: tens of milliseconds) is added to the page's time once per phase.
 */
export const REQUEST_GRACE_MS = 25;
/** However busy people keep the connection, background work waits at most this long for it. */
export const BACKGROUND_MAX_WAIT_MS = 250;

/**
 * How long one holder kept the connection, and what it ran: every request waiting meanwhile waited
 * for all of it. Statements are named by their SQL only (never their parameters: they hold people's
 * data), cut to a line.
 */
export type Hold = {
  ms: number;
  background: boolean;
  statements: number;
  slowest: { sql: string; ms: number };
};

/**
 * The grace and its bound; without them (graceMs 0: the in-memory database of tests and tooling,
 * where no person waits) background work takes a free connection at once. `onLongHold` hears of
 * each hold of `longHoldMs` or more.
 */
export type PriorityOptions = {
  graceMs: number;
  maxWaitMs: number;
  longHoldMs?: number;
  onLongHold?: (hold: Hold) => void;
};
/** For the app's database, which people's requests share with its engine and heavy jobs. */
export const peopleFirst: PriorityOptions = { graceMs: REQUEST_GRACE_MS, maxWaitMs: BACKGROUND_MAX_WAIT_MS };

/** A statement's SQL on one line, at most 160 characters. */
const sqlLine = (sql: string) => sql.replace(/\s+/g, " ").trim().slice(0, 160);

/** The connection in flight, timing its statements for the hold it belongs to. */
class TimedConnection implements DatabaseConnection {
  statements = 0;
  slowest = { sql: "", ms: 0 };
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const started = performance.now();
    try {
      return await this.inner.executeQuery<R>(query);
    } finally {
      const ms = performance.now() - started;
      this.statements++;
      if (ms > this.slowest.ms) this.slowest = { sql: query.sql, ms };
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    this.statements++;
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * PGlite's driver with the wait for its one connection in two queues: requests first, then
 * background work, each in arrival order. Background work also keeps off a connection that a
 * person's transaction released less than `graceMs` ago, until it has waited `maxWaitMs`.
 */
class PriorityDriver implements Driver {
  private busy = false;
  private readonly requests: Waiter[] = [];
  private readonly backgroundWork: Waiter[] = [];
  /** Set by destroy(): no query starts after it. */
  private closing = false;
  /** Resolves destroy()'s wait for the transaction in flight. */
  private released: (() => void) | undefined;
  /** Whether the transaction in flight is a person's, and when the last one of those ended. */
  private holderIsRequest = false;
  private lastRequestEnded = Number.NEGATIVE_INFINITY;
  /** Wakes background work held off by the grace above once it may go. */
  private recheck: NodeJS.Timeout | undefined;
  private readonly graceMs: number;
  private readonly maxWaitMs: number;
  private readonly longHoldMs: number;
  private readonly onLongHold: ((hold: Hold) => void) | undefined;
  /** When the holder in flight took the connection. */
  private heldSince = 0;

  constructor(
    private readonly inner: Driver,
    options: PriorityOptions,
  ) {
    this.graceMs = options.graceMs;
    this.maxWaitMs = options.maxWaitMs;
    this.longHoldMs = options.longHoldMs ?? Number.POSITIVE_INFINITY;
    this.onLongHold = options.onLongHold;
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.closing) throw new Error("The database is closing: the server is shutting down.");
    const request = !isBackground();
    if (this.busy || (!request && (this.backgroundWork.length > 0 || this.inGrace()))) {
      // Handed over by dispatch() with `busy` set.
      await new Promise<void>((resume) => {
        (request ? this.requests : this.backgroundWork).push({ resume, since: performance.now() });
        this.dispatch();
      });
      // Woken by destroy() instead: the connection stays with the transaction in flight.
      if (this.closing) throw new Error("The database is closing: the server is shutting down.");
    } else this.busy = true;
    this.holderIsRequest = request;
    this.heldSince = performance.now();
    const connection = await this.inner.acquireConnection();
    return this.onLongHold ? new TimedConnection(connection) : connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const timed = connection instanceof TimedConnection ? connection : undefined;
    await this.inner.releaseConnection(timed?.inner ?? connection);
    const ms = performance.now() - this.heldSince;
    if (timed && ms >= this.longHoldMs) {
      this.onLongHold?.({
        ms: Math.round(ms),
        background: !this.holderIsRequest,
        statements: timed.statements,
        slowest: { sql: sqlLine(timed.slowest.sql), ms: Math.round(timed.slowest.ms) },
      });
    }
    if (this.holderIsRequest) this.lastRequestEnded = performance.now();
    this.busy = false;
    this.dispatch();
    if (!this.busy) this.released?.();
  }

  private inGrace(): boolean {
    return performance.now() - this.lastRequestEnded < this.graceMs;
  }

  /** Hands a free connection to the next waiter: a request, else background work past the grace. */
  private dispatch(): void {
    if (this.busy || this.closing) return;
    const next = this.requests.shift() ?? this.backgroundReady();
    if (next) {
      this.busy = true;
      next.resume();
    }
  }

  private backgroundReady(): Waiter | undefined {
    const oldest = this.backgroundWork[0];
    if (!oldest) return undefined;
    const now = performance.now();
    const graceLeft = this.lastRequestEnded + this.graceMs - now;
    const waitLeft = oldest.since + this.maxWaitMs - now;
    if (graceLeft > 0 && waitLeft > 0) {
      this.recheck ??= setTimeout(
        () => {
          this.recheck = undefined;
          this.dispatch();
        },
        Math.ceil(Math.min(graceLeft, waitLeft)),
      );
      return undefined;
    }
    return this.backgroundWork.shift();
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
    clearTimeout(this.recheck);
    for (const waiter of [...this.requests.splice(0), ...this.backgroundWork.splice(0)]) waiter.resume();
    if (this.busy) await new Promise<void>((resolve) => (this.released = resolve));
    await this.inner.destroy();
  }
}

/** kysely-pglite-dialect with requests served before background work (see above). */
export class PriorityPGliteDialect extends PGliteDialect {
  /** A PGlite, in this thread or on its own (db/pglite-thread.ts): the dialect only queries and closes. */
  constructor(
    client: Pick<PgliteClient, "query" | "close"> | PGlite,
    private readonly options: PriorityOptions = { graceMs: 0, maxWaitMs: 0 },
  ) {
    // The dialect is typed for PGlite but calls only query() and close(), which both provide.
    super(client as PGlite);
  }

  override createDriver(): Driver {
    return new PriorityDriver(super.createDriver(), this.options);
  }
}
