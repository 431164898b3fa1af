import { sql } from "kysely";
import pg from "pg";
import { type Db, withPlatform, withTenant } from "../server/db";
import { emit } from "../server/events/emit";
import { openBenchDatabase } from "./bench-database";
import { type Benchmark, type Metric, percentile } from "./harness";

/** The agents' check-ins: small transactions, each one business change and its event. */
const OFFERED_RATE = 2_000;
const SECONDS = 4;
const TICK_MS = 5;
/** Connections of the raw measurements (the app's pool has 10; several replicas share one server). */
const CLIENTS = 32;
const CHANNEL = "bench_notify";

const now = () => performance.now();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A one-round-trip commit of one small row, with or without pg_notify in its transaction. */
const commitSql = (notify: boolean) =>
  `begin; insert into bench_checkins (data) values ('{"battery":81}');${notify ? ` select pg_notify('${CHANNEL}', '');` : ""} commit;`;

/** Commits as fast as CLIENTS connections can for SECONDS: the server's ceiling for this commit. */
async function ceiling(pool: pg.Pool, notify: boolean): Promise<number> {
  const text = commitSql(notify);
  const until = now() + SECONDS * 1000;
  let commits = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = await pool.connect();
      try {
        while (now() < until) {
          await client.query(text);
          commits++;
        }
      } finally {
        client.release();
      }
    }),
  );
  return commits / SECONDS;
}

/**
 * Offers `rate` commits/s for SECONDS (started every TICK_MS whatever the earlier ones do, as
 * independent agents would): the rate achieved and each commit's latency, sorted.
 */
async function paced(
  rate: number,
  commit: () => Promise<unknown>,
): Promise<{ achieved: number; latencies: number[] }> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  const started = now();
  let owed = 0;
  for (let tick = 0; tick < (SECONDS * 1000) / TICK_MS; tick++) {
    await pause(started + tick * TICK_MS - now());
    owed += (rate * TICK_MS) / 1000;
    for (; owed >= 1; owed--) {
      const at = now();
      inFlight.push(commit().then(() => void latencies.push(now() - at)));
    }
  }
  await Promise.all(inFlight);
  return {
    achieved: latencies.length / ((now() - started) / 1000),
    latencies: latencies.sort((a, b) => a - b),
  };
}

/** Check-ins come from many tenants: each tenant's events are serialized by its chain head anyway. */
const TENANTS = 64;

async function createTenants(db: Db): Promise<string[]> {
  const rows = await withPlatform(db, (trx) =>
    trx
      .insertInto("tenants")
      .values(Array.from({ length: TENANTS }, (_, t) => ({ name: `Notify ${t}`, slug: `notify-${t}` })))
      .returning("id")
      .execute(),
  );
  return rows.map((row) => row.id);
}

const round = (value: number) => Math.round(value);

/**
 * What `pg_notify` costs a busy database. PostgreSQL serializes the commits of notifying
 * transactions (a global lock from pre-commit until the commit is flushed), so they lose group
 * commit: measured on a one-row commit with and without a notification, at full speed and at
 * 2,000 commits/s offered, then the app's own path (a tenant transaction with emit()) at that rate.
 */
const benchmark: Benchmark = {
  name: "events-notify",
  description: `pg_notify on every commit: ceiling and latency at ${OFFERED_RATE} small commits/s (PostgreSQL only)`,
  async run() {
    const database = await openBenchDatabase("notify");
    if (!database.url) {
      await database.close();
      return [];
    }
    const pool = new pg.Pool({ connectionString: database.url, max: CLIENTS });
    const { db } = database.handle;
    try {
      await sql`create table bench_checkins (id bigserial primary key, at timestamptz not null default now(), data jsonb)`.execute(
        db,
      );
      const metrics: Metric[] = [];
      for (const notify of [false, true]) {
        const label = notify ? "with pg_notify" : "without pg_notify";
        await ceiling(pool, notify); // warm-up: connections, JIT
        metrics.push({
          metric: `postgres: one-row commits, ${CLIENTS} connections, ${label}`,
          value: round(await ceiling(pool, notify)),
          unit: "commits/s",
          better: "higher",
        });
        const text = commitSql(notify);
        const result = await paced(OFFERED_RATE, () => pool.query(text));
        metrics.push(
          {
            metric: `postgres: ${OFFERED_RATE} commits/s offered, ${label}: achieved`,
            value: round(result.achieved),
            unit: "commits/s",
            better: "higher",
          },
          {
            metric: `postgres: ${OFFERED_RATE} commits/s offered, ${label}: commit p95`,
            value: percentile(result.latencies, 95),
            unit: "ms",
            better: "lower",
          },
        );
      }

      const tenants = await createTenants(db);
      let next = 0;
      const checkIn = () => {
        const tenantId = tenants[next++ % tenants.length] ?? "";
        return withTenant(db, tenantId, (trx) =>
          emit(
            { db: trx, tenantId: tenantId, actor: { type: "system", id: null, label: "notify bench" } },
            { name: "settings.changed", entityId: tenantId, data: { changes: {} } },
          ),
        );
      };
      await paced(OFFERED_RATE / 4, checkIn);
      const app = await paced(OFFERED_RATE, checkIn);
      metrics.push(
        {
          metric: `postgres: emit() in a tenant transaction, ${OFFERED_RATE}/s offered (app pool of 10): achieved`,
          value: round(app.achieved),
          unit: "commits/s",
          better: "higher",
        },
        {
          metric: `postgres: emit() in a tenant transaction, ${OFFERED_RATE}/s offered: commit p95`,
          value: percentile(app.latencies, 95),
          unit: "ms",
          better: "lower",
        },
      );
      return metrics;
    } finally {
      await pool.end();
      await database.close();
    }
  },
};

export default benchmark;
