import { AsyncResource } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { InngestFunction } from "inngest";
import type { Listen } from "@/db/listen";
import type { Db } from "@/server/db";
import { EVENTS_CHANNEL } from "@/server/events/emit";
import { logger } from "@/server/logger";
import { cancelOverdueRuns } from "./cancellation";
import { type ClaimedRun, claimRuns } from "./claim";
import { completionWriter } from "./completions";
import { fireDueCrons, syncCronSchedules } from "./cron";
import { dispatchEvents } from "./dispatcher";
import { type ExecutorSettings, executeRun } from "./executor";
import { loadFunctions } from "./functions";
import { probeServeEndpoint } from "./invoke";
import { purgeStaleWaits } from "./waits";

export type EngineOptions = {
  db: Db;
  /** The app's serve endpoint, e.g. `${APP_URL}/api/inngest`. */
  serveUrl: string;
  signingKey: string;
  functions: readonly InngestFunction.Any[];
  /** How often to look for due events, runs and crons when nothing wakes the engine. */
  pollMs?: number;
  /**
   * Notifications of committed events (DatabaseHandle.listen): the engine then starts their runs
   * at once instead of at its next poll. Without it, it polls only.
   */
  listen?: Listen;
  /** How long a claimed run stays reserved for this process without a heartbeat. */
  leaseMs?: number;
  /** First retry delay; each later retry doubles it, up to backoffMaxMs. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Runs this process advances at the same time. */
  maxConcurrentRuns?: number;
  /**
   * Fewer runs at once while `busy()` says people are waiting for this process: runs are
   * background work, and each takes the thread that serves their requests. Checked at each claim,
   * so the full cap returns as soon as runs finish after the people are served.
   */
  whileBusy?: { busy: () => boolean; maxConcurrentRuns: number };
  /**
   * Runs each piece of the engine's work on the thread (a call of a function, a batch of events
   * dispatched) when its turn comes: the app's is a turn among its heavy jobs
   * (server/heavy-jobs.ts), so while people's requests are in flight each piece waits for the
   * pause after the one before. Without it, pieces go at once.
   */
  turn?: ExecutorSettings["turn"];
  /** Planned (parallel) steps of one run called at the same time. */
  parallelCalls?: number;
  /** How long a call may take before its run shows it as overdue (it is still awaited). */
  invokeTimeoutMs?: number;
  /**
   * On stop, how long the calls in flight may take to finish (and be recorded) before they are
   * abandoned; no new call starts meanwhile.
   */
  stopGraceMs?: number;
  workerId?: string;
};

export type EmbeddedEngine = {
  stop(): Promise<void>;
  /** Look for work now (an event was queued, a run was retried) instead of at the next poll. */
  wake(): void;
};

/** Events turned into runs per cycle at most, so a backlog is worked on while it is dispatched. */
const DISPATCH_PER_CYCLE = 500;
/** How long a free slot may wait for others to share its claim transaction. */
const CLAIM_DELAY_MS = 5;

/**
 * Runs the app's Inngest functions without Inngest: each cycle turns committed events into runs,
 * fires due crons and, once the serve endpoint answers, claims due runs (in one transaction) up
 * to the concurrency cap and advances each in the background. A committed event (notification)
 * or a wake() starts a cycle at once; a finished run starts a claim of its own, which never waits
 * for a cycle's dispatch; polling catches whatever else is due. All
 * state lives in the database, so any number of replicas can run an engine and a restart resumes
 * where the last process stopped.
 */
export function startEmbeddedEngine(options: EngineOptions): EmbeddedEngine {
  const { db, serveUrl } = options;
  const pollMs = options.pollMs ?? 1_000;
  const maxConcurrentRuns = options.maxConcurrentRuns ?? 16;
  const functions = loadFunctions(options.functions, serveUrl);
  const runnable = new Map(functions.map((fn) => [fn.id, fn]));
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const settings = {
    db,
    signingKey: options.signingKey,
    workerId,
    completions: completionWriter(db, workerId),
    leaseMs: options.leaseMs ?? 30_000,
    invokeTimeoutMs: options.invokeTimeoutMs ?? 10 * 60_000,
    backoffBaseMs: options.backoffBaseMs ?? 10_000,
    backoffMaxMs: options.backoffMaxMs ?? 60 * 60_000,
    maxCallsPerClaim: 100,
    parallelCalls: options.parallelCalls ?? 4,
    functions: runnable,
    turn: options.turn,
  };
  const inFlight = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  const abort = new AbortController();
  /** Set once stop() is called: no cycle, claim or call starts after. */
  let stopped: Promise<void> | undefined;
  let serverReady = false;
  let cronsSynced = false;
  let timer: NodeJS.Timeout | undefined;
  let cycle: Promise<void> | undefined;
  let again = false;
  let dispatchWanted = true;
  let lastPollAt = 0;
  let claimTimer: NodeJS.Timeout | undefined;
  /** The claim in progress (one at a time), and whether another was asked for meanwhile. */
  let claiming: Promise<void> | undefined;
  let claimAgain = false;
  const claimBatch = Math.max(1, Math.floor(maxConcurrentRuns / 4));

  function start(run: ClaimedRun): void {
    const fn = runnable.get(run.functionId);
    if (!fn) return;
    const execution = executeRun(settings, fn, run, { stop: stopping.signal, abort: abort.signal })
      .catch((error) => logger.error("automation run crashed", { runId: run.id, error }))
      .finally(() => {
        inFlight.delete(run.id);
        claimSoon();
      });
    inFlight.set(run.id, execution);
  }

  /**
   * A slot is free: claim again (nothing new to dispatch). At once when a quarter of the slots
   * are free, else a few ms later, so the runs that finish meanwhile share one claim transaction
   * (on PGlite, which runs one query at a time, claiming run by run costs a third of the work).
   */
  function claimSoon(): void {
    if (currentCap() - inFlight.size >= Math.min(claimBatch, currentCap())) {
      claim();
      return;
    }
    claimTimer ??= setTimeout(() => {
      claimTimer = undefined;
      claim();
    }, CLAIM_DELAY_MS);
  }

  /**
   * Claims for every free slot, one claim at a time (one asked for meanwhile runs right after).
   * Apart from the cycle: under a burst the cycle is busy dispatching most of the time (a
   * transaction per wake-up), and a slot freed meanwhile used to stay idle until the cycle's
   * dispatch was done (half the slots, measured in bench/notifications).
   */
  function claim(): Promise<void> {
    // This claim (or the one it queues after the current) is for every free slot.
    clearTimeout(claimTimer);
    claimTimer = undefined;
    if (stopped || !serverReady) return Promise.resolve();
    if (claiming) {
      claimAgain = true;
      return claiming;
    }
    claiming = claimAndStart()
      .catch((error) => logger.error("automation engine claim failed", { error }))
      .finally(() => {
        claiming = undefined;
        if (claimAgain) {
          claimAgain = false;
          void claim();
        }
      });
    return claiming;
  }

  /** The cap on runs in flight now: lower while people's requests are (options.whileBusy). */
  function currentCap(): number {
    const whileBusy = options.whileBusy;
    return whileBusy?.busy() ? Math.min(whileBusy.maxConcurrentRuns, maxConcurrentRuns) : maxConcurrentRuns;
  }

  async function claimAndStart(): Promise<void> {
    while (!stopped) {
      const free = currentCap() - inFlight.size;
      if (free <= 0) return;
      // A run still in flight here is never claimed again, even when its lease lapsed meanwhile.
      const runs = await claimRuns(db, runnable, { ...settings, limit: free, exclude: [...inFlight.keys()] });
      for (const run of runs) start(run);
      if (runs.length < free) return;
    }
  }

  async function work(): Promise<void> {
    try {
      if (!cronsSynced) {
        await syncCronSchedules(db, functions);
        cronsSynced = true;
      }
      const polling = Date.now() - lastPollAt >= pollMs;
      if (polling) lastPollAt = Date.now();
      if (polling || dispatchWanted) {
        dispatchWanted = false;
        const dispatched = await dispatchEvents(db, functions, {
          limit: DISPATCH_PER_CYCLE,
          turn: options.turn,
        });
        // A backlog: claim what this cycle queued, then come straight back for the rest.
        if (dispatched >= DISPATCH_PER_CYCLE) {
          dispatchWanted = true;
          again = true;
        }
      }
      if (polling) {
        await fireDueCrons(db, functions);
        await cancelOverdueRuns(db, functions);
        await purgeStaleWaits(db);
      }
      if (!serverReady) {
        // `next start` may not listen yet when instrumentation starts the engine: call nothing until it answers.
        const status = await probeServeEndpoint(serveUrl, options.signingKey);
        serverReady = status !== null;
        if (status === 200) logger.info("automation engine running", { serveUrl, functions: runnable.size });
        else if (serverReady)
          logger.error("automation engine: the serve endpoint refuses its calls", { serveUrl, status });
      }
      // Not awaited: the next cycle's dispatch need not wait for this claim, nor a claim for it.
      if (serverReady) void claim();
    } catch (error) {
      logger.error("automation engine cycle failed", { error });
    }
  }

  /** One cycle at a time; a wake during a cycle runs another right after it. */
  function runCycle(): void {
    if (stopped) return;
    if (cycle) {
      again = true;
      return;
    }
    clearTimeout(timer);
    cycle = work().finally(() => {
      cycle = undefined;
      if (again) {
        again = false;
        runCycle();
      } else if (!stopped) {
        timer = setTimeout(runCycle, pollMs);
      }
    });
  }

  // A wake comes from whoever committed the work: a person's request, the database's notification.
  // The cycle it starts runs in the context the engine was started in (background work, which the
  // embedded database serves after people's requests), never in the waker's.
  const wake = AsyncResource.bind((): void => {
    dispatchWanted = true;
    runCycle();
  });

  const unlisten = options.listen?.(EVENTS_CHANNEL, wake).catch((error) => {
    logger.warn("automation engine: no wake-up on commit, polling only", { error });
    return undefined;
  });
  setImmediate(runCycle);
  return {
    wake,
    /** Stops once; a second call waits for the same stop. */
    stop() {
      stopped ??= (async () => {
        // First, before any wait: no run starts a new call from here on, not even one the cycle in
        // progress is claiming now. Runs finish the calls in flight, record them and are handed back.
        stopping.abort();
        clearTimeout(timer);
        clearTimeout(claimTimer);
        await (await unlisten)?.();
        await cycle;
        await claiming;
        const running = () => Promise.allSettled([...inFlight.values()]);
        const grace = new Promise((resolve) => setTimeout(resolve, options.stopGraceMs ?? 10_000).unref());
        await Promise.race([running(), grace]);
        // Calls still out at the deadline are abandoned: their runs are handed back and retried from their last step.
        abort.abort();
        await running();
      })();
      return stopped;
    },
  };
}
