import type { Unlisten } from "@/db/listen";
import type { LiveStreamOptions } from "../auth/live-session";
import { type Db, database, withTenant } from "../db";
import { logger } from "../logger";
import { shutdownSignal } from "../shutdown";
import { INTEGRATION_RUNS_CHANNEL } from "./live";
import { findRun, runSummaryOf } from "./queries";
import type { RunSummary } from "./schemas";

const PING_MS = 25_000;
/** A check without a notification, in case one was missed (a dropped LISTEN connection). */
const POLL_MS = 5_000;
const encoder = new TextEncoder();

type Hub = { subscribers: Map<string, Set<() => void>>; listening: Promise<Unlisten | undefined> | null };
// On globalThis so dev-mode module reloads share one listening connection.
const holder = globalThis as { __assetronicsIntegrationRunHub?: Hub };
holder.__assetronicsIntegrationRunHub ??= { subscribers: new Map(), listening: null };
const hub: Hub = holder.__assetronicsIntegrationRunHub;

function dispatch(payload?: string): void {
  const targets = payload ? [hub.subscribers.get(payload)] : [...hub.subscribers.values()];
  for (const set of targets) for (const onChange of set ?? []) onChange();
}

function ensureListening(): Promise<Unlisten | undefined> {
  hub.listening ??= database()
    .then((handle) => handle.listen?.(INTEGRATION_RUNS_CHANNEL, dispatch))
    .catch((error) => {
      hub.listening = null;
      logger.error("integration run stream could not listen", { error });
      return undefined;
    });
  return hub.listening;
}

async function subscribe(runId: string, onChange: () => void): Promise<() => void> {
  const set = hub.subscribers.get(runId) ?? new Set();
  set.add(onChange);
  hub.subscribers.set(runId, set);
  await ensureListening();
  return () => {
    set.delete(onChange);
    if (set.size === 0 && hub.subscribers.get(runId) === set) hub.subscribers.delete(runId);
  };
}

const finished = (summary: RunSummary) =>
  summary.status === "succeeded" || summary.status === "partial" || summary.status === "failed";

/**
 * A sync run's live progress (Server-Sent Events): `data: <RunSummary JSON>` on connect, after
 * every committed page or recorded retry (PostgreSQL NOTIFY, from whichever replica ran it), and
 * once more when the run ends, after which the stream closes. Each read is its own short tenant
 * transaction; the caller has checked the run exists in the tenant. It also ends when `signal`
 * aborts, when the session that opened it ends and when the server shuts down.
 */
export function runProgressStream(
  db: Db,
  tenantId: string,
  runId: string,
  signal: AbortSignal,
  { stillSignedIn = async () => true, pingMs = PING_MS }: LiveStreamOptions = {},
): ReadableStream<Uint8Array> {
  let cleanup = () => {};
  let running: Promise<void> | null = null;
  let again = false;
  let last = "";
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed: nothing left to end
        }
      };
      const sendOnce = async () => {
        if (!(await stillSignedIn())) return close();
        const summary = runSummaryOf(await withTenant(db, tenantId, (trx) => findRun(trx, tenantId, runId)));
        const data = JSON.stringify(summary);
        if (data !== last && !closed) controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        last = data;
        if (finished(summary)) close();
      };
      const refresh = () => {
        if (closed) return;
        if (running) {
          again = true;
          return;
        }
        running = (async () => {
          do {
            again = false;
            await sendOnce();
          } while (again && !closed);
        })()
          .catch((error) => {
            closed = true;
            cleanup();
            controller.error(error);
          })
          .finally(() => {
            running = null;
          });
      };
      const unsubscribe = await subscribe(runId, refresh);
      const ping = setInterval(() => {
        stillSignedIn().then(
          (valid) => {
            if (!valid) close();
            else if (!closed) controller.enqueue(encoder.encode(": ping\n\n"));
          },
          (error) => controller.error(error),
        );
      }, pingMs);
      const poll = setInterval(refresh, POLL_MS);
      cleanup = () => {
        clearInterval(ping);
        clearInterval(poll);
        unsubscribe();
      };
      const stop = AbortSignal.any([signal, shutdownSignal()]);
      if (stop.aborted) return close();
      stop.addEventListener("abort", close);
      refresh();
    },
    cancel() {
      cleanup();
    },
  });
}
