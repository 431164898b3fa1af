import type { LiveStreamOptions } from "../auth/live-session";
import { type Db, withTenant } from "../db";
import { listenHub, liveEventStream } from "../live-stream";
import { INTEGRATION_RUNS_CHANNEL } from "./live";
import { findRun, runSummaryOf } from "./queries";
import type { RunSummary } from "./schemas";

/** A check without a notification, in case one was missed (a dropped LISTEN connection). */
const POLL_MS = 5_000;

const runs = listenHub(INTEGRATION_RUNS_CHANNEL);

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
  live: LiveStreamOptions = {},
): ReadableStream<Uint8Array> {
  let last = "";
  return liveEventStream({
    signal,
    live,
    pollMs: POLL_MS,
    subscribe: (onChange) => runs.subscribe(runId, onChange),
    async refresh({ send, end }) {
      const summary = runSummaryOf(await withTenant(db, tenantId, (trx) => findRun(trx, tenantId, runId)));
      // a poll that finds nothing new sends nothing
      const data = JSON.stringify(summary);
      if (data !== last) send(summary);
      last = data;
      if (finished(summary)) end();
    },
  });
}
