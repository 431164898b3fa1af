import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { type LookupColumn, openRowCheck, type RowCheckSession } from "./assets/import/row-check";
import type { LabelLayout } from "./assets/labels/layouts";
import { type LabelAsset, renderLabelSheet } from "./assets/labels/render-label-sheet";

/*
 * The thread of the app's CPU-heavy background work (started by background-thread.ts): it parses
 * and validates imports, where each message names a check of one stored file (a dry run, a plan,
 * a batch step) and one operation on it, and renders label sheets. The work is CPU work with no
 * pauses, which is the point: it occupies this thread, not the one serving requests. Several
 * checks may be open at once; each answers in the order asked.
 */

/** One operation on one open check (`check` numbers it). */
export type CheckCall = { check: number } & (
  | { op: "open"; source: Parameters<typeof openRowCheck>[0] }
  | { op: "values"; column: LookupColumn; offset: number; limit: number }
  | { op: "check"; lookups: Parameters<RowCheckSession["check"]>[0]; keepRows: boolean }
  | { op: "next" }
  | { op: "close" }
);
/** A label sheet to render (render-label-sheet.ts): answered with the PDF's bytes. */
export type LabelsCall = { op: "labels"; layout: LabelLayout; assets: LabelAsset[]; appUrl: string };
export type CheckRequest = (CheckCall | LabelsCall) & { id: number };
export type CheckReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };

const port = parentPort;
if (!port) throw new Error("background-worker.ts runs as a worker thread");

/**
 * This thread only ever does background work: it runs at the lowest priority (nice 19), so on a
 * small machine the thread serving requests (and the embedded database's, which answers them)
 * gets a core whenever it has work, and this one takes what is left. Linux names a thread by its
 * id in /proc/thread-self; elsewhere the thread keeps the process's priority.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId)) setPriority(threadId, 19);
  } catch {
    // not Linux: nothing to do
  }
}
lowerPriority();
const checks = new Map<number, RowCheckSession>();
/** Each open check's lookup values by column, computed once and handed out a page at a time. */
const values = new Map<number, Map<LookupColumn, string[]>>();

function answer(request: CheckRequest): unknown {
  // No pauses here: nothing else waits for this thread but other background work.
  if (request.op === "labels")
    return renderLabelSheet(request.layout, request.assets, request.appUrl, {
      slice: async () => {},
      objectsPerTick: Number.POSITIVE_INFINITY,
    });
  if (request.op === "open") {
    const session = openRowCheck(request.source);
    checks.set(request.check, session);
    return { total: session.total };
  }
  if (request.op === "close") {
    checks.delete(request.check);
    values.delete(request.check);
    return null;
  }
  const session = checks.get(request.check);
  if (!session) throw new Error(`no open check ${request.check}`);
  if (request.op === "values") {
    const byColumn = values.get(request.check) ?? new Map<LookupColumn, string[]>();
    values.set(request.check, byColumn);
    const all = byColumn.get(request.column) ?? session.values(request.column);
    byColumn.set(request.column, all);
    return all.slice(request.offset, request.offset + request.limit);
  }
  if (request.op === "check") return session.check(request.lookups, request.keepRows) ?? null;
  return session.next();
}

port.on("message", (request: CheckRequest) => {
  new Promise((resolve) => resolve(answer(request))).then(
    (result) => {
      // A PDF's bytes move to the other thread instead of being copied.
      const transfer = result instanceof Uint8Array ? [result.buffer as ArrayBuffer] : [];
      const reply: CheckReply = { id: request.id, ok: true, result };
      port.postMessage(reply, transfer);
    },
    (error: unknown) => {
      const reply: CheckReply = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(reply);
    },
  );
});
port.postMessage({ ready: true });
