import { subscribe } from "node:diagnostics_channel";
import type { Server } from "node:http";
import { logger } from "./logger";

/**
 * A server process's orderly end (SIGTERM from an orchestrator or `docker stop`, Ctrl-C): live
 * streams end, the HTTP server stops taking connections and lets requests in flight finish, the
 * background work (the automation engine, the relay, table maintenance) stops, letting a function
 * step in flight finish and be recorded, what the answered requests left to write is written (the
 * agent's presence), and only then the database closes, so no step runs again
 * after its lease and PGlite is never closed (or its thread killed) mid-statement.
 *
 * Next.js's own handler closes the HTTP server and exits without waiting for the rest, so the app
 * is started with NEXT_MANUAL_SIG_HANDLE=true (scripts/start.mjs, scripts/e2e-server.mjs), which
 * leaves the signals to this module.
 */
type Stop = () => Promise<unknown>;

type ShutdownState = {
  /** Aborted when shutdown begins: what holds a connection open by itself (live streams) ends. */
  ending: AbortController;
  /** Background work, stopped together before the database closes. */
  work: Set<Stop>;
  /** What requests leave to write after they are answered, written once the last request is done. */
  leftovers: Set<Stop>;
  /** The HTTP servers this process serves on, as seen by their first request. */
  servers: Set<Server>;
  watchingServers: boolean;
  running?: Promise<void>;
};

// On globalThis: Next.js may bundle this module once per route, and a stream route must see the
// signal the boot's handler aborts.
const holder = globalThis as { __assetronicsShutdown?: ShutdownState };
holder.__assetronicsShutdown ??= {
  ending: new AbortController(),
  work: new Set(),
  leftovers: new Set(),
  servers: new Set(),
  watchingServers: false,
};
const state: ShutdownState = holder.__assetronicsShutdown;

/** Once the HTTP server has stopped taking connections, how long requests in flight may take. */
const REQUEST_GRACE_MS = 3_000;
/**
 * The whole shutdown's limit, after which the process exits whatever is left: above the engine's
 * 10 s grace for steps in flight, below the 30 s an orchestrator usually waits before SIGKILL.
 */
export const SHUTDOWN_DEADLINE_MS = 15_000;

/** Aborted when the process begins to shut down: a live stream ends itself on it. */
export function shutdownSignal(): AbortSignal {
  return state.ending.signal;
}

/** Registers background work to stop (and wait for) when the process shuts down, before the database closes. */
export function onShutdown(stop: Stop): void {
  state.work.add(stop);
}

/**
 * Registers what answered requests leave to write later (the agent's buffered presence,
 * server/agent/presence.ts): run once the HTTP servers have closed and their requests in flight
 * finished, so that the last request's write is in it, and before the database closes.
 */
export function onRequestsDone(flush: Stop): void {
  state.leftovers.add(flush);
}

/**
 * Remembers each HTTP server this process serves a request on (`next start` keeps its server to
 * itself), so shutdown can close it. The engine's first probe of the serve endpoint is a request,
 * so in embedded mode the server is known within a second of the start.
 */
export function watchHttpServers(): void {
  if (state.watchingServers) return;
  state.watchingServers = true;
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server?: Server };
    if (server) state.servers.add(server);
  });
}

/** Waits for `done`, or `graceMs` then runs `late` and waits for `done` still. */
async function within(done: Promise<void>, graceMs: number, late: () => void): Promise<void> {
  const timer = new Promise<"late">((resolve) => setTimeout(resolve, graceMs, "late").unref());
  if ((await Promise.race([done, timer])) === "late") {
    late();
    await done;
  }
}

const settle = (stops: Iterable<Stop>) =>
  Promise.allSettled([...stops].map((stop) => stop())).then((results) => {
    for (const result of results) {
      if (result.status === "rejected") logger.error("shutdown: a stop failed", { error: result.reason });
    }
  });

/**
 * Runs the shutdown once (a second call waits for the first): streams end, servers close while the
 * background work stops, what the answered requests left is written, then `closeDatabase`. Requests already in flight keep the database until
 * they finish (REQUEST_GRACE_MS after the background work has stopped at most).
 */
export function shutDown(closeDatabase: Stop): Promise<void> {
  state.running ??= (async () => {
    state.ending.abort();
    // No new connection from here; the engine's calls in flight keep theirs until they answer.
    const closing = [...state.servers].map((server) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      return { server, closed };
    });
    await settle(state.work);
    await Promise.all(
      closing.map(({ server, closed }) =>
        within(closed, REQUEST_GRACE_MS, () => server.closeAllConnections()),
      ),
    );
    await settle(state.leftovers);
    await settle([closeDatabase]);
  })();
  return state.running;
}

const SIGNAL_EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;

/**
 * Takes over SIGTERM and SIGINT: the first runs shutDown, then exits with the signal's usual code
 * (128 + its number, as Next.js does); one past SHUTDOWN_DEADLINE_MS exits anyway. Later signals
 * change nothing (a shell sends Ctrl-C's SIGINT to the whole process group, npm start forwards it).
 */
export function exitOnSignals(closeDatabase: Stop, deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (state.running) return;
      logger.info("shutting down", { signal });
      const code = SIGNAL_EXIT_CODES[signal];
      setTimeout(() => {
        logger.error("shutdown took too long; exiting now", { deadlineMs });
        process.exit(code);
      }, deadlineMs);
      void shutDown(closeDatabase).then(() => {
        logger.info("shut down");
        process.exit(code);
      });
    });
  }
}
