import { fork } from "node:child_process";
import path from "node:path";
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
/** Events a new replica runs before it is measured (JIT, kept-alive connections). */
const REPLICA_WARMUP_EVENTS = 1_000;

type Replica = { stop: () => Promise<void> };

/** Starts bench/events-replica.ts as a child process; the function starts it reports land in `starts`. */
async function startReplica(url: string, starts: Map<string, number>): Promise<Replica> {
  const child = fork(path.join(import.meta.dirname, "events-replica.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_EVENT: EVENT },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  type Message = { ready?: true; stopped?: true; starts?: Array<[string, number]> };
  const stopped = new Promise<void>((resolve, reject) => {
    child.on("message", (message: Message) => {
      for (const [id, at] of message.starts ?? []) if (!starts.has(id)) starts.set(id, at);
      if (message.stopped) resolve();
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`The replica exited with ${code}`)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    child.on("message", (message: Message) => message.ready && resolve());
    child.on("exit", (code) => reject(new Error(`The replica exited with ${code} before it was ready`)));
  });
  return {
    async stop() {
      child.send("stop");
      await stopped;
    },
  };
}

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
      const { id } = await emit(
        { db: trx, tenantId: tenantId, actor: actor },
        { name: EVENT, entityId: tenantId, data: { changes: {} } },
      );
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

      let expected = 0;
      /** Every event committed as fast as EMITTERS concurrent transactions allow, then drained. */
      const burstOf = async (total: number) => {
        const commits: Commits = new Map();
        const started = now();
        let nextBatch = 0;
        await Promise.all(
          Array.from({ length: EMITTERS }, async () => {
            for (let b = nextBatch++; b < total / BATCH; b = nextBatch++) {
              await emitBatch(db, tenantFor(b), BATCH, commits);
            }
          }),
        );
        const emitted = now();
        expected += total;
        const finished = await drained(db, rig.functionId, expected, 120_000);
        return {
          commits,
          rate: total / ((finished - started) / 1000),
          emitRate: total / ((emitted - started) / 1000),
        };
      };
      /**
       * Small transactions every tick at `rate` for PACED_SECONDS, then drained: the rate achieved
       * (events over first commit -> last run completed) shows whether the engine keeps up.
       */
      const pacedAt = async (rate: number) => {
        const commits: Commits = new Map();
        const started = now();
        const inFlight: Promise<void>[] = [];
        let owed = 0;
        for (let tick = 0; tick < (PACED_SECONDS * 1000) / PACED_TICK_MS; tick++) {
          await pause(started + tick * PACED_TICK_MS - now());
          owed += (rate * PACED_TICK_MS) / 1000;
          const count = Math.floor(owed);
          owed -= count;
          if (count > 0) inFlight.push(emitBatch(db, tenantFor(tick), count, commits));
        }
        await Promise.all(inFlight);
        expected += commits.size;
        const finished = await drained(db, rig.functionId, expected, 60_000);
        return { commits, achieved: commits.size / ((finished - started) / 1000) };
      };

      const burst = await burstOf(BURST_EVENTS);
      // Steady load at the target rate when the burst shows the capacity for it, else at half the
      // burst rate, so latency measures the engine rather than a growing backlog.
      const rate = burst.rate >= TARGET_RATE ? TARGET_RATE : Math.floor(burst.rate / 2);
      const paced = await pacedAt(rate);

      // Idle: one event at a time on an engine with nothing to do.
      const idle: Commits = new Map();
      for (let i = 0; i < IDLE_EVENTS; i++) {
        await pause(50 + Math.random() * 200);
        await emitBatch(db, tenantFor(i), 1, idle);
        expected += 1;
        const deadline = Date.now() + 10_000;
        while (![...idle.keys()].every((id) => rig.starts.has(id)) && Date.now() < deadline) await pause(2);
      }

      // Two replicas (PostgreSQL): a second process with its own serve endpoint and engine
      // sharing the run queue, as a second app instance would.
      const replicated: Metric[] = [];
      if (database.url) {
        const replica = await startReplica(database.url, rig.starts);
        try {
          await burstOf(REPLICA_WARMUP_EVENTS);
          const twoBurst = await burstOf(BURST_EVENTS);
          const sustained = await pacedAt(TARGET_RATE);
          const sustainedLatency = latencies(sustained.commits, rig.starts);
          replicated.push(
            {
              metric: `${database.driver}: 2 replicas: burst throughput (${BURST_EVENTS} events)`,
              value: round(twoBurst.rate),
              unit: "events/s",
              target: TARGET_RATE,
              better: "higher",
            },
            {
              metric: `${database.driver}: 2 replicas: ${TARGET_RATE} events/s offered for ${PACED_SECONDS} s, achieved`,
              value: round(sustained.achieved),
              unit: "events/s",
              target: TARGET_RATE * 0.95,
              better: "higher",
            },
            {
              metric: `${database.driver}: 2 replicas: commit -> start p95 at ${TARGET_RATE} events/s`,
              value: percentile(sustainedLatency, 95),
              unit: "ms",
              target: 1_000,
              better: "lower",
            },
          );
        } finally {
          await replica.stop();
        }
      }

      const burstLatency = latencies(burst.commits, rig.starts);
      const pacedLatency = latencies(paced.commits, rig.starts);
      const burstRate = burst.rate;
      const emitRate = burst.emitRate;
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
          // Every run costs at least one call of the serve endpoint: how close the engine comes to that bound.
          metric: `${driver}: burst throughput / serve endpoint alone (same run)`,
          value: Math.round((burstRate / ceiling) * 100) / 100,
          unit: "ratio",
          target: 0.6,
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
          metric: `${driver}: steady load achieved (first commit -> last run completed)`,
          value: round(paced.achieved),
          unit: "events/s",
          ...(onPostgres ? { target: TARGET_RATE * 0.95 } : {}),
          better: "higher",
        },
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
        {
          metric: `${driver}: commit -> start p95, idle engine`,
          value: percentile(idleLatency, 95),
          unit: "ms",
          target: 50,
          better: "lower",
        },
        ...replicated,
      ];
      return metrics;
    } finally {
      await rig.close();
      await database.close();
    }
  },
};

export default benchmark;
