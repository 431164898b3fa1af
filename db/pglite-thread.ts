import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "../server/logger";

/**
 * The part of PGlite's API the app uses (kysely's dialect queries and closes, the engine listens),
 * answered by a PGlite on a worker thread (db/pglite-worker.mjs). Statements then run beside the
 * request thread instead of on it: a long import batch no longer stalls every page.
 */
export type PgliteClient = {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[]; affectedRows?: number }>;
  listen: (channel: string, callback: (payload: string) => void) => Promise<() => Promise<void>>;
  close: () => Promise<void>;
};

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: PlainError };
type Notice =
  | { op: "ready" }
  | { op: "failed"; error: PlainError }
  | { op: "notify"; channel: string; payload: string };
type PlainError = Record<string, unknown> & { name?: string; message: string };

/**
 * Where the worker's source is. Found from the working directory (the repository, for `npm start`,
 * the tests and the scripts) rather than import.meta.url, which points into Next.js's bundle.
 */
const workerFile = () => path.join(/* turbopackIgnore: true */ process.cwd(), "db", "pglite-worker.mjs");

/** An error thrown in the worker, rebuilt with its PostgreSQL fields (code, constraint, ...). */
function rebuilt(plain: PlainError): Error {
  const { name, message, ...fields } = plain;
  return Object.assign(new Error(message), { name: name ?? "Error" }, fields);
}

/** Starts PGlite on its own thread over the data dir `dir`; resolves once it is open. */
export async function startPgliteThread(dir: string): Promise<PgliteClient> {
  // Not a module for the bundler to follow: Next.js would otherwise trace (and fail on) every file
  // the dynamic path could name. The worker is loaded from disk at run time, like PGlite itself.
  const worker = new Worker(/* turbopackIgnore: true */ workerFile(), { workerData: { dataDir: dir } });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let nextId = 0;
  /** Set once the worker is gone: every call after that fails with it. */
  let gone: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: Reply | Notice) => {
      if ("id" in message) {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.ok) call?.resolve(message.result);
        else call?.reject(rebuilt(message.error));
      } else if (message.op === "notify") {
        for (const callback of listeners.get(message.channel) ?? []) callback(message.payload);
      } else if (message.op === "ready") {
        resolve();
      } else {
        reject(rebuilt(message.error));
      }
    });
    worker.on("error", (error) => {
      logger.error("the embedded database's thread failed", { message: error.message });
      reject(error);
    });
    worker.on("exit", (code) => {
      gone = new Error(`The embedded database has stopped (its thread exited with code ${code}).`);
      for (const call of pending.values()) call.reject(gone);
      pending.clear();
      reject(gone);
    });
  });

  function call<T>(message: Record<string, unknown>): Promise<T> {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  }

  await ready;
  return {
    query: (sql, params = []) => call({ op: "query", sql, params }),
    async listen(channel, callback) {
      const callbacks = listeners.get(channel) ?? new Set();
      listeners.set(channel, callbacks);
      callbacks.add(callback);
      if (callbacks.size === 1) await call({ op: "listen", channel });
      return async () => {
        callbacks.delete(callback);
        if (callbacks.size === 0 && !gone) {
          listeners.delete(channel);
          await call({ op: "unlisten", channel });
        }
      };
    },
    async close() {
      if (gone) return;
      await call({ op: "close" });
      await worker.terminate();
    },
  };
}
