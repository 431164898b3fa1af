import { sql } from "kysely";
import { type Db, withPlatform, withTenant } from "../server/db";
import { emit } from "../server/events/emit";
import { openBenchDatabase } from "./bench-database";
import { startEventsRig } from "./events-rig";
import { type Benchmark, type Metric, percentile } from "./harness";

const TENANTS = 16;
const BURST_EVENTS = 5_000;
const BATCH = 50;
const EMITTERS = 4;
const PACED_SECONDS = 5;
const PACED_TICK_MS = 20;
const TARGET_RATE = 500;
const IDLE_EVENTS = 20;
const CEILING_CALLS = 1_000;
const CEILING_CONCURRENCY = 16;
const EVENT = "settings.changed";

/** Wall-clock ms with sub-ms precision, comparable with the database's timestamps on this host. */
const now = () => performance.timeOrigin + performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const actor = { type: "system" as const, id: null, label: "events bench" };

async function createTenants(db: Db): Promise<string[]> {
  const rows = await withPlatform(db, (trx) =>
    trx
      .insertInto("tenants")
      .values(Array.from({ length: TENANTS }, (_, t) => ({ name: `Events ${t}`, slug: `events-${t}` })))
      .returning("id")
      .execute(),
  );
  return rows.map((row) => row.id);
}

/** The event rows committed so far, by id, with the instant their transaction committed. */
type Commits = Map<string, number>;

/** Emits `count` events in one tenant transaction, as a service would, and notes the commit time. */
async function emitBatch(db: Db, tenantId: string, count: number, commits: Commits): Promise<void> {
  const ids = await withTenant(db, tenantId, async (trx) => {
    const emitted: string[] = [];
    for (let i = 0; i < count; i++) {
      const { id } = await emit(trx, {
        tenantId,
        name: EVENT,
        actor,
        entityId: tenantId,
        data: { changes: {} },
      });
      emitted.push(id);
    }
    return emitted;
  });
  const committedAt = now();
  for (const id of ids) commits.set(id, committedAt);
}

async function completedRuns(db: Db, functionId: string): Promise<{ count: number; lastFinished: number }> {
  const row = await withPlatform(db, (trx) =>
    trx
      .selectFrom("automation_runs")
      .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.max("finished_at").as("last")])
      .where("function_id", "=", functionId)
      .where("status", "=", "completed")
      .executeTakeFirstOrThrow(),
  );
  return { count: Number(row.count), lastFinished: row.last ? new Date(row.last).getTime() : 0 };
}

/** Polls until `total` runs completed; returns when the last one finished (database clock). */
async function drained(db: Db, functionId: string, total: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count, lastFinished } = await completedRuns(db, functionId);
    if (count >= total) return lastFinished;
    if (Date.now() > deadline) throw new Error(`Only ${count} of ${total} runs completed in ${timeoutMs} ms`);
    await pause(50);
  }
}

/** Commit -> first call of the function, in ms, sorted. */
function latencies(commits: Commits, starts: Map<string, number>): number[] {
  return [...commits]
    .map(([id, committedAt]) => (starts.get(id) ?? Number.NaN) - committedAt)
    .sort((a, b) => a - b);
}

const round = (value: number) => Math.round(value);

/**
 * Events through the embedded engine end to end: services' emit() in committed transactions, the
 * engine dispatching them into runs and calling a trivial function over HTTP, all in one process
 * as in the app. Three loads: a burst of 5,000 events (throughput), a steady offered rate
 * (commit -> start latency under load) and single events on an idle engine (the wake-up delay).
 * For reference, the rate at which the serve endpoint alone answers signed calls: every run costs
 * at least one, so it bounds the throughput whatever the engine does.
 */
const benchmark: Benchmark = {
  name: "events",
  description: `embedded engine: ${BURST_EVENTS} events emitted and run end to end, commit -> function start latency`,
  async run() {
    const database = await openBenchDatabase("events");
    const { db } = database.handle;
    const rig = await startEventsRig(db, EVENT, { listen: database.handle.listen });
    try {
      const tenants = await createTenants(db);
      const tenantFor = (i: number) => tenants[i % tenants.length] ?? "";
      await sql`analyze`.execute(db);
      // Warmed up first (JIT, kept-alive connections), as the engine is by the time it is measured.
      await rig.serveCeiling(CEILING_CALLS / 4, CEILING_CONCURRENCY);
      const ceiling = await rig.serveCeiling(CEILING_CALLS, CEILING_CONCURRENCY);

      // Burst: every event committed as fast as EMITTERS concurrent transactions allow.
      const burst: Commits = new Map();
      const burstStarted = now();
      let nextBatch = 0;
      await Promise.all(
        Array.from({ length: EMITTERS }, async () => {
          for (let b = nextBatch++; b < BURST_EVENTS / BATCH; b = nextBatch++) {
            await emitBatch(db, tenantFor(b), BATCH, burst);
          }
        }),
      );
      const burstEmitted = now();
      const burstFinished = await drained(db, rig.functionId, BURST_EVENTS, 120_000);
      const burstRate = BURST_EVENTS / ((burstFinished - burstStarted) / 1000);
      const emitRate = BURST_EVENTS / ((burstEmitted - burstStarted) / 1000);

      // Steady load: small transactions every tick at the target rate (half the burst rate when
      // the engine cannot do more), so latency measures the engine rather than a growing backlog.
      const rate = Math.min(TARGET_RATE, Math.floor(burstRate / 2));
      const paced: Commits = new Map();
      const pacedStarted = now();
      const inFlight: Promise<void>[] = [];
      let owed = 0;
      for (let tick = 0; tick < (PACED_SECONDS * 1000) / PACED_TICK_MS; tick++) {
        await pause(pacedStarted + tick * PACED_TICK_MS - now());
        owed += (rate * PACED_TICK_MS) / 1000;
        const count = Math.floor(owed);
        owed -= count;
        if (count > 0) inFlight.push(emitBatch(db, tenantFor(tick), count, paced));
      }
      await Promise.all(inFlight);
      await drained(db, rig.functionId, BURST_EVENTS + paced.size, 60_000);

      // Idle: one event at a time on an engine with nothing to do.
      const idle: Commits = new Map();
      for (let i = 0; i < IDLE_EVENTS; i++) {
        await pause(50 + Math.random() * 200);
        await emitBatch(db, tenantFor(i), 1, idle);
        const deadline = Date.now() + 10_000;
        while (![...idle.keys()].every((id) => rig.starts.has(id)) && Date.now() < deadline) await pause(2);
      }

      const burstLatency = latencies(burst, rig.starts);
      const pacedLatency = latencies(paced, rig.starts);
      const idleLatency = latencies(idle, rig.starts);
      const driver = database.driver;
      const onPostgres = driver === "postgres";
      const metrics: Metric[] = [
        {
          metric: `${driver}: serve endpoint alone (signed calls, no engine)`,
          value: round(ceiling),
          unit: "calls/s",
          better: "higher",
        },
        {
          metric: `${driver}: burst emit rate (committed)`,
          value: round(emitRate),
          unit: "events/s",
          better: "higher",
        },
        {
          metric: `${driver}: burst throughput (${BURST_EVENTS} events, first commit -> last run completed)`,
          value: round(burstRate),
          unit: "events/s",
          ...(onPostgres ? { target: TARGET_RATE } : {}),
          better: "higher",
        },
        {
          metric: `${driver}: burst commit -> start p95 (queueing included)`,
          value: percentile(burstLatency, 95),
          unit: "ms",
          better: "lower",
        },
        { metric: `${driver}: steady load offered`, value: rate, unit: "events/s", better: "higher" },
        {
          metric: `${driver}: commit -> start p50 under steady load`,
          value: percentile(pacedLatency, 50),
          unit: "ms",
          better: "lower",
        },
        {
          metric: `${driver}: commit -> start p95 under steady load`,
          value: percentile(pacedLatency, 95),
          unit: "ms",
          ...(onPostgres ? { target: 1_000 } : {}),
          better: "lower",
        },
        {
          metric: `${driver}: commit -> start p50, idle engine`,
          value: percentile(idleLatency, 50),
          unit: "ms",
          better: "lower",
        },
      ];
      return metrics;
    } finally {
      await rig.close();
      await database.close();
    }
  },
};

export default benchmark;
