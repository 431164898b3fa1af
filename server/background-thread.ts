import path from "node:path";
import { Worker } from "node:worker_threads";
import {
  type LookupColumn,
  openRowCheck,
  type RowCheckChunk,
  type RowCheckSession,
  type RowCheckSource,
} from "./assets/import/row-check";
import type { LabelLayout } from "./assets/labels/layouts";
import { type LabelAsset, renderLabelSheet } from "./assets/labels/render-label-sheet";
import type { CheckCall, CheckReply, CheckRequest, LabelsCall } from "./background-worker";
import { timeSlicer } from "./heavy-jobs";
import { logger } from "./logger";

/*
 * The app's background thread (background-worker.ts): import checks and label sheets, CPU work
 * that would otherwise share the thread serving requests. One thread for the whole process is
 * plenty on a small machine (its jobs are background work and wait for each other there), and it
 * runs at the lowest priority, so requests get the cores first.
 */

/**
 * One import check (row-check.ts) as the request thread drives it: the parsing and validation run
 * on the background thread. What crosses between the threads is bounded: the file once, lookup
 * values and verdicts a chunk at a time.
 */
export type RowCheck<Row> = {
  total: number;
  values(column: LookupColumn): Promise<string[]>;
  check(lookups: Parameters<RowCheckSession["check"]>[0], keepRows: boolean): Promise<void>;
  next(): Promise<RowCheckChunk<Row>>;
  close(): Promise<void>;
};

/** Lookup values per message. */
const VALUES_PAGE = 1000;

/** Loads the worker through tsx's loader, registered on the worker's thread only. */
const BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api")
  .then((tsx) => { tsx.register(); return import(require("node:url").pathToFileURL(workerData.entry).href); })
`;

/**
 * Inside Next.js (`next start`, `next dev`) the bundler builds the worker from its
 * `new Worker(new URL(...))` into a chunk of its own. Elsewhere (the tests, the scripts) the worker
 * is the TypeScript file on disk, found from the working directory (the repository), compiled by
 * tsx on the worker's side.
 */
function spawnWorker(): Worker {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    return new Worker(new URL("./background-worker.ts", import.meta.url));
  }
  const entry = path.join(/* turbopackIgnore: true */ process.cwd(), "server", "background-worker.ts");
  return new Worker(BOOTSTRAP, { eval: true, workerData: { entry } });
}

type Thread = {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>;
};
type Holder = { thread?: Thread; nextId: number; nextCheck: number; inProcess: boolean };
// On globalThis: Next.js may load this module once per route bundle, and the thread must be one.
const holder = globalThis as { __assetronicsRowChecks?: Holder };
holder.__assetronicsRowChecks ??= { nextId: 0, nextCheck: 0, inProcess: false };
const state: Holder = holder.__assetronicsRowChecks;

function startThread(): Thread {
  const worker = spawnWorker();
  // Idle, the thread keeps nothing alive: a process (a test, a script) may end while it waits.
  worker.unref();
  const pending: Thread["pending"] = new Map();
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message: CheckReply | { ready: true }) => {
      if ("ready" in message) return resolve();
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) call?.resolve(message.result);
      else call?.reject(new Error(message.message));
    });
    worker.on("error", (error) => {
      logger.error("the background thread failed", { message: error.message });
      reject(error);
    });
    worker.on("exit", (code) => {
      const gone = new Error(`The background thread stopped (exit code ${code}).`);
      for (const call of pending.values()) call.reject(gone);
      pending.clear();
      reject(gone);
      if (state.thread?.worker === worker) state.thread = undefined;
    });
  });
  return { worker, ready, pending };
}

/** The shared thread, started on first use; null when it cannot start here (checks then run inline). */
async function thread(): Promise<Thread | null> {
  if (state.inProcess) return null;
  state.thread ??= startThread();
  const current = state.thread;
  try {
    await current.ready;
    return current;
  } catch (error) {
    // It never answered "ready" (a thread that dies later rejects its calls, and the next check
    // starts another): it will not start in this process, so checks run inline from now on.
    if (state.thread === current) state.thread = undefined;
    state.inProcess = true;
    logger.error(
      "imports are checked and labels rendered on the request thread: the background thread could not start",
      {
        message: error instanceof Error ? error.message : String(error),
      },
    );
    return null;
  }
}

function call<T>(current: Thread, request: CheckCall | LabelsCall): Promise<T> {
  const id = state.nextId++;
  return new Promise<T>((resolve, reject) => {
    current.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    // Referenced while a call is out, so a script waiting for its answer does not end early.
    current.worker.ref();
    const message: CheckRequest = { ...request, id };
    current.worker.postMessage(message);
  }).finally(() => {
    if (current.pending.size === 0) current.worker.unref();
  });
}

/** Opens a check of a stored file: parsed on the background thread (inline when it cannot start). */
export async function startRowCheck<Row>(source: RowCheckSource): Promise<RowCheck<Row>> {
  const current = await thread();
  if (!current) return inlineRowCheck<Row>(source);
  const check = state.nextCheck++;
  const { total } = await call<{ total: number }>(current, { op: "open", check, source });
  return {
    total,
    async values(column) {
      const values: string[] = [];
      for (;;) {
        const page = await call<string[]>(current, {
          op: "values",
          check,
          column,
          offset: values.length,
          limit: VALUES_PAGE,
        });
        values.push(...page);
        if (page.length < VALUES_PAGE) return values;
      }
    },
    check: async (lookups, keepRows) => {
      await call(current, { op: "check", check, lookups, keepRows });
    },
    next: () => call<RowCheckChunk<Row>>(current, { op: "next", check }),
    close: async () => {
      await call(current, { op: "close", check }).catch(() => undefined);
    },
  };
}

/** The same check on this thread: only where no worker thread can start. */
function inlineRowCheck<Row>(source: RowCheckSource): RowCheck<Row> {
  const session = openRowCheck(source);
  return {
    total: session.total,
    values: async (column) => session.values(column),
    check: async (lookups, keepRows) => session.check(lookups, keepRows),
    next: async () => session.next() as RowCheckChunk<Row>,
    close: async () => {},
  };
}

/**
 * A label sheet's PDF (render-label-sheet.ts), rendered on the background thread; on this thread
 * in slices that take turns with other work only where that thread cannot start.
 */
export async function renderLabelSheetInBackground(
  layout: LabelLayout,
  assets: LabelAsset[],
  appUrl: string,
): Promise<Uint8Array> {
  const current = await thread();
  if (!current) return renderLabelSheet(layout, assets, appUrl, { slice: timeSlicer() });
  return call<Uint8Array>(current, { op: "labels", layout, assets, appUrl });
}

/** Whether background work runs on its thread (false once it could not start). */
export async function backgroundThreadRunning(): Promise<boolean> {
  return (await thread()) !== null;
}
