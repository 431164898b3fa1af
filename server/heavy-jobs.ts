import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PerformanceObserver } from "node:perf_hooks";
import { database } from "./db";
import { AppError } from "./errors";
import { logger } from "./logger";

/**
 * Heavy work a tenant can start from one request (label sheets, CSV exports, the audit chain's
 * verification): how many may run at once, and how their CPU work shares the event loop with
 * every other request. With the embedded database SQL runs on the same thread, so a job that
 * never yields stops /api/health too.
 *
 * The caps are per process. A PostgreSQL advisory lock would hold across replicas, but it needs a
 * connection held for the whole job (a stalled download would pin one of the pool's ten) and on
 * PGlite's single session the same lock is granted twice, so it would not cap anything there.
 */
export type HeavyJobKind =
  | "asset-labels"
  | "asset-export"
  | "audit-export"
  | "audit-verify"
  | "employee-export";

type Limit = { perTenant: number; perProcess: number; busy: string };

const limits: Record<HeavyJobKind, Limit> = {
  // Rendering is CPU work (about 4 s per 1,000 labels on one core): one per tenant, and few in
  // total so interleaved slices cannot add up to a noticeable pause.
  "asset-labels": {
    perTenant: 1,
    perProcess: 3,
    busy: "A label sheet is already being generated for your organization; try again when it finishes.",
  },
  // Exports stream in short batches and cost nothing while the client is slow to read, so only
  // the per-tenant cap applies: a stalled download must not block other tenants' exports.
  "asset-export": {
    perTenant: 2,
    perProcess: Number.POSITIVE_INFINITY,
    busy: "Two asset exports are already running for your organization; try again when one finishes.",
  },
  "audit-export": {
    perTenant: 2,
    perProcess: Number.POSITIVE_INFINITY,
    busy: "Two audit log exports are already running for your organization; try again when one finishes.",
  },
  // Reads and hashes the whole log in batches that take turns: one at a time per tenant is plenty
  // (a second would read the same log), and any number of tenants may verify at once.
  "audit-verify": {
    perTenant: 1,
    perProcess: Number.POSITIVE_INFINITY,
    busy: "The audit log is already being verified for your organization; try again when that finishes.",
  },
  "employee-export": {
    perTenant: 2,
    perProcess: Number.POSITIVE_INFINITY,
    busy: "Two employee exports are already running for your organization; try again when one finishes.",
  },
};

type Running = { byTenant: Map<string, number>; byKind: Map<HeavyJobKind, number> };
// On globalThis: Next.js may load this module once per route bundle, and the count must be one.
const holder = globalThis as { __assetronicsHeavyJobs?: Running };
holder.__assetronicsHeavyJobs ??= { byTenant: new Map(), byKind: new Map() };
const running: Running = holder.__assetronicsHeavyJobs;

/**
 * Claims a slot for a heavy job of `kind` for the tenant, or throws RATE_LIMITED when the tenant
 * (or the process) already runs as many as allowed. Synchronous, so two requests arriving together
 * cannot both pass the check. Returns the release function; calling it twice is harmless.
 */
export function claimHeavyJob(tenantId: string, kind: HeavyJobKind): () => void {
  const limit = limits[kind];
  const key = `${kind}:${tenantId}`;
  const forTenant = running.byTenant.get(key) ?? 0;
  const forKind = running.byKind.get(kind) ?? 0;
  if (forTenant >= limit.perTenant) throw new AppError("RATE_LIMITED", limit.busy);
  if (forKind >= limit.perProcess) {
    throw new AppError(
      "RATE_LIMITED",
      "The server is busy generating other label sheets; try again in a minute.",
    );
  }
  running.byTenant.set(key, forTenant + 1);
  running.byKind.set(kind, forKind + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const tenantLeft = (running.byTenant.get(key) ?? 1) - 1;
    if (tenantLeft > 0) running.byTenant.set(key, tenantLeft);
    else running.byTenant.delete(key);
    running.byKind.set(kind, Math.max(0, (running.byKind.get(kind) ?? 1) - 1));
  };
}

/** Runs `work` holding a heavy-job slot (see claimHeavyJob), released however it ends. */
export async function withHeavyJob<T>(
  tenantId: string,
  kind: HeavyJobKind,
  work: () => Promise<T>,
): Promise<T> {
  const release = claimHeavyJob(tenantId, kind);
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * Background work takes turns. Every heavy job (an import's batches, a dry run's slices, a label
 * sheet, an export) awaits this between two pieces of work; it resumes the waiting jobs one per
 * turn of the event loop, in order, so people's requests wait for at most one job's piece however
 * many jobs run (each job yielding with setImmediate would let all of them run one piece in the
 * same turn, and a request would wait for their sum).
 */
type Turns = {
  waiting: Array<() => void>;
  scheduled: boolean;
  /** When the job resumed last began its turn. */
  turnStarted: number;
  /** People's HTTP requests in flight (countRequests). */
  requests: number;
  /** Whether the job resumed last is still at its piece (it has not yielded again). */
  inTurn: boolean;
  /** Wakes the queue when that piece has run past EXCLUSIVE_TURN_MS. */
  overrun: NodeJS.Timeout | undefined;
  /** Counts turns, so a piece that ends its own turn (backgroundTurn) cannot end a later one. */
  turn: number;
};
// On globalThis, like the job counts: one queue however many bundles load this module.
const turnsHolder = globalThis as {
  __assetronicsTurns?: Turns;
  __assetronicsCounting?: boolean;
  __assetronicsStallWatch?: boolean;
};
turnsHolder.__assetronicsTurns ??= {
  waiting: [],
  scheduled: false,
  turnStarted: 0,
  requests: 0,
  inTurn: false,
  overrun: undefined,
  turn: 0,
};
const turns: Turns = turnsHolder.__assetronicsTurns;

/** While people's requests are in flight, a turn of T ms is followed by a pause of PAUSE_FACTOR * T. */
const PAUSE_FACTOR = 4;
/** The longest pause between two turns. */
const MAX_PAUSE_MS = 100;
/**
 * While people's requests are in flight, a job's turn lasts until it yields again, its queries
 * included, up to this long: the next job waits for it. Otherwise each job's piece waiting on the
 * database let the next one start, and on PostgreSQL their statements (an import's batch, a dry
 * run's problems) ran side by side on the cores the requests need. A piece that runs longer, or a
 * job that ends without yielding, holds the others up at most this long.
 */
const EXCLUSIVE_TURN_MS = 250;

function nextTurn(): void {
  const resume = turns.waiting.shift();
  turns.scheduled = false;
  turns.turnStarted = performance.now();
  turns.turn++;
  turns.inTurn = resume !== undefined;
  resume?.();
  // The job's turn runs in the microtasks after this; if it ends without yielding again (done,
  // or waiting for I/O), the next job's turn is scheduled once it has.
  setImmediate(scheduleTurn);
}

function scheduleTurn(): void {
  if (turns.scheduled || turns.waiting.length === 0) return;
  const turn = performance.now() - turns.turnStarted;
  if (turns.requests > 0 && turns.inTurn && turn < EXCLUSIVE_TURN_MS) {
    // The job resumed last is still at its piece: the next goes when it yields (or at the bound).
    turns.overrun ??= setTimeout(() => {
      turns.overrun = undefined;
      turns.inTurn = false;
      scheduleTurn();
    }, EXCLUSIVE_TURN_MS - turn);
    return;
  }
  turns.scheduled = true;
  // With requests in flight, background work gets at most a fifth of the thread: after a turn of
  // T ms the next waits 4T ms (up to MAX_PAUSE_MS), in which the requests' own steps run. On
  // PGlite a turn's queries run on this thread too, and a page takes a dozen steps of the loop.
  if (turns.requests > 0 && turn > 1) setTimeout(nextTurn, Math.min(turn * PAUSE_FACTOR, MAX_PAUSE_MS));
  else setImmediate(nextTurn);
}

/** Runs a piece of background work when its turn comes (backgroundTurn below). */
export type Turn = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Runs one piece of background work that does not loop (the engine's call of a function) as a
 * turn: it starts when its turn comes, after the pause that follows the turn before while people's
 * requests are in flight, and its end hands the turn on at once (a job that loops hands it on
 * when it yields again). Work inside it that takes turns of its own (an import's batches, within
 * a function's step) queues behind as another job.
 */
export async function backgroundTurn<T>(work: () => Promise<T>): Promise<T> {
  await yieldToEventLoop();
  const mine = turns.turn;
  try {
    return await work();
  } finally {
    if (turns.turn === mine && turns.inTurn) endTurn();
  }
}

/** The job at its turn has finished its piece: the next may go (after the pause, if any). */
function endTurn(): void {
  turns.inTurn = false;
  clearTimeout(turns.overrun);
  turns.overrun = undefined;
  scheduleTurn();
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    // The job at its turn has finished its piece (or a job not yet in the queue joins it).
    turns.waiting.push(resolve);
    endTurn();
  });
}

/**
 * Counts people's requests in flight for the turns above and for the engine's cap on runs (the
 * engine's own calls to /api/inngest are background work, and a page's live stream is open for
 * as long as the page: neither is someone waiting). Installed once at boot.
 */
export function countRequests(): void {
  if (turnsHolder.__assetronicsCounting) return;
  turnsHolder.__assetronicsCounting = true;
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (request.url?.startsWith("/api/inngest")) return;
    // A live stream (the bell, a sync's progress) stays open as long as its page: nobody waits on it.
    if (request.headers.accept?.includes("text/event-stream")) return;
    turns.requests++;
    response.once("close", () => {
      turns.requests--;
    });
  });
}

/** How often the stall watch below looks at the clock. */
const STALL_TICK_MS = 10;

/**
 * Logs (warn) each time this thread's event loop could not run for `thresholdMs` or more, with
 * the requests in flight and the background jobs waiting for their turn at that moment, and each
 * garbage collection pause as long: where the tail of people's requests comes from while heavy
 * jobs run (bench/isolation-under-load turns it on with EVENT_LOOP_STALL_MS). A timer that should
 * fire every STALL_TICK_MS and fires late measures the stall; it costs nothing worth noting.
 */
export function watchEventLoopStalls(thresholdMs: number): void {
  if (thresholdMs <= 0 || turnsHolder.__assetronicsStallWatch) return;
  turnsHolder.__assetronicsStallWatch = true;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const stalled = now - last - STALL_TICK_MS;
    last = now;
    if (stalled >= thresholdMs) {
      logger.warn("event loop stalled", {
        ms: Math.round(stalled),
        requests: turns.requests,
        jobsWaiting: turns.waiting.length,
      });
    }
  }, STALL_TICK_MS).unref();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration >= thresholdMs)
        logger.warn("garbage collection pause", { ms: Math.round(entry.duration) });
    }
  }).observe({ entryTypes: ["gc"] });
}

/** People's requests in flight, as the turns above count them. */
export const requestsInFlight = (): number => turns.requests;

/**
 * For a loop of CPU work: `await slice()` after each step yields to the event loop once
 * `budgetMs` of work have passed since the last yield, so no step sequence holds the thread
 * longer than that (plus one step) while costing almost nothing when steps are few.
 */
export function timeSlicer(budgetMs = 5): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < budgetMs) return;
    await yieldToEventLoop();
    started = performance.now();
  };
}

/**
 * Sizes keyset batches by how long the last one took. With the embedded database a batch's query
 * runs on the request thread, so its duration is what every other request may wait for: batches
 * grow while they take under half of `targetMs` and shrink while they take over twice as long. On
 * PostgreSQL they soon reach `max`, on PGlite a size that costs about `targetMs`.
 */
export function batchSizer(
  options: { initial?: number; min?: number; max?: number; targetMs?: number } = {},
): { size: () => number; record: (rows: number, ms: number) => void } {
  const { initial = 100, min = 25, max = 1000, targetMs = 20 } = options;
  let size = initial;
  return {
    size: () => size,
    record(rows, ms) {
      if (rows < size) return;
      if (ms < targetMs / 2) size = Math.min(max, size * 2);
      else if (ms > targetMs * 2) size = Math.max(min, Math.floor(size / 2));
    },
  };
}

/**
 * The batch sizer for a keyset export: sized by duration on the embedded database (its queries
 * run on the request thread), the largest batches on PostgreSQL, where a query's time is spent
 * elsewhere and is mostly fixed (a search): shrinking there only made exports of a search slow.
 * `fixed` pins the size (tests).
 */
export async function exportBatchSizer(fixed?: number): Promise<ReturnType<typeof batchSizer>> {
  if (fixed) return batchSizer({ initial: fixed, min: fixed, max: fixed });
  const embedded = (await database()).driver === "pglite";
  return batchSizer(embedded ? {} : { initial: 1000, min: 1000, max: 1000 });
}
