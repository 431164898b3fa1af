import { setImmediate as nextTurn } from "node:timers/promises";
import { AppError } from "./errors";

/**
 * Heavy work a tenant can start from one request (label sheets, CSV exports): how many may run at
 * once, and how their CPU work shares the event loop with every other request. With the embedded
 * database SQL runs on the same thread, so a job that never yields stops /api/health too.
 *
 * The caps are per process. A PostgreSQL advisory lock would hold across replicas, but it needs a
 * connection held for the whole job (a stalled download would pin one of the pool's ten) and on
 * PGlite's single session the same lock is granted twice, so it would not cap anything there.
 */
export type HeavyJobKind = "asset-labels" | "asset-export" | "audit-export";

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

/** Lets other requests run between two pieces of heavy work (after pending I/O, unlike a microtask). */
export const yieldToEventLoop = (): Promise<void> => nextTurn();

/**
 * For a loop of CPU work: `await slice()` after each step yields to the event loop once
 * `budgetMs` of work have passed since the last yield, so no step sequence holds the thread
 * longer than that (plus one step) while costing almost nothing when steps are few.
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> {
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
