import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import { newDeviceCredential } from "../server/agent/credentials";
import { macsOf } from "../server/agent/facts";
import { takeCheckInSlot } from "../server/agent/http";
import { agentActor } from "../server/agent/link";
import { CheckIn } from "../server/agent/payload";
import { DevicePresence } from "../server/agent/presence";
import { writeDevicePresence } from "../server/agent/queries";
import { checkIn, digestOf, isUnchanged, reportedOf } from "../server/agent/services/check-in";
import { defaultStatuses } from "../server/assets/lifecycle";
import { type Db, withPlatform, withTenant } from "../server/db";
import { normalizeName } from "../server/reference/names/normalize";
import { tokenDigest } from "../server/route";
import { createTenant } from "../server/tenants/services/create-tenant";
import { openBenchDatabase } from "./bench-database";
import { type Benchmark, type Metric, percentile, ratio, scaled } from "./harness";
import { DIST_DIR, ensureBuild, type Served, serve, stop } from "./next-server";

/**
 * Issue 16's agent load: 10,000 enrolled devices checking in over loopback HTTP against the
 * production build (`next start`, bench/next-server.ts) on PostgreSQL, 2 % of the check-ins
 * carrying a change (the memory size, or a package added or removed, in turn), measured against
 * two baselines of the same run: the no-op route (app/api/bench/agent-no-op: the same rung, device
 * credential and body, no work) and a raw batched upsert of the same rows into the devices' presence
 * rows (agent_device_presence, where a check-in writes them).
 *
 * The load generator is a worker thread (plain JavaScript, node:http with keep-alive sockets), a
 * closed loop of N connections, each sending its next check-in when the last is answered. N is
 * tuned per route: the fewest connections that reach 95 % of the best rate in short trials, so
 * the latencies are those of a saturated server, not of a queue the generator made.
 */
const DEVICES = scaled(10_000, 200);
const MEASURE_MS = Number(process.env.BENCH_AGENT_MS ?? 10_000);
const TRIAL_MS = 2_000;
const CONNECTIONS = [4, 8, 16, 32];
const CHANGE_SHARE = 0.02;
/** Issue 16: check-ins/s at least half the no-op route's, with a p99 of 50 ms at that rate. */
const TARGET_RATIO = 0.5;
const PACKAGES = 40;
const CEILING_BATCH = 100;
const CEILING_MS = 3_000;
const IN_PROCESS_MS = 3_000;
const CONNECTIONS_IN_PROCESS = 16;

// ---------------------------------------------------------------------------------------------
// What a device sends: one JSON template, filled in by the worker per request (string joins, no
// JSON.stringify on the generator's share of the two cores) and by the seed below (its hashes).

const packages = Array.from(
  { length: PACKAGES },
  (_, k) => `{"name":"package-${k}","version":"1.${k}.0","publisher":"Debian","source":"dpkg"}`,
).join(",");
/** @I device number, @MAC its MAC, @AT collection time, @MEM memory bytes, @SW an extra package. */
const TEMPLATE = `{"agentVersion":"0.3.0","collectedAt":"@AT","hostname":"bench-@I","hardware":{"vendor":"LENOVO","model":"ThinkPad T14 Gen 3","serial":"BENCH-@I","chassisType":"laptop","cpu":{"model":"Intel(R) Core(TM) i7-1260P","cores":12,"threads":16},"memoryBytes":@MEM,"disks":[{"name":"nvme0n1","sizeBytes":549755813888,"rotational":false}]},"os":{"family":"linux","name":"Debian GNU/Linux","version":"12","kernel":"6.1.0-13-amd64","arch":"amd64"},"network":[{"name":"eth0","mac":"@MAC","ipv4":["10.0.0.5"],"ipv6":[]}],"users":{"current":["alice"],"last":"alice"},"uptimeSeconds":1234,"software":[${packages}@SW]}`;

/** Fills the template: `variant` bit 1 doubles the memory, bit 2 adds a package (the two changes). */
const BODY_SOURCE = `(template, i, variant, at) => {
  const hex = (n) => n.toString(16).padStart(2, "0");
  const values = {
    "@I": String(i),
    "@MAC": "02:00:00:" + hex((i >> 16) & 255) + ":" + hex((i >> 8) & 255) + ":" + hex(i & 255),
    "@AT": at,
    "@MEM": variant & 1 ? "34359738368" : "17179869184",
    "@SW": variant & 2 ? ',{"name":"git","version":"2.39.5","source":"dpkg"}' : "",
  };
  return template.replace(/@(I|MAC|AT|MEM|SW)\\b/g, (key) => values[key]);
}`;
const bodyOf = new Function(`return ${BODY_SOURCE}`)() as (
  template: string,
  i: number,
  variant: number,
  at: string,
) => string;

// ---------------------------------------------------------------------------------------------
// Seed: a tenant whose 10,000 devices are linked to 10,000 assets and have checked in once

type SeededDevice = { id: string; credential: string; payload: CheckIn; hashes: string };
type Seeded = { tenantId: string; devices: SeededDevice[] };

async function seed(db: Db): Promise<Seeded> {
  return withPlatform(db, async (trx) => {
    const { tenant } = await createTenant(trx, {
      name: "Agent bench",
      admin: { name: "Admin", email: "admin@agent.bench", password: "bench-password-1" },
      via: "seed",
    });
    const hasStatuses = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .executeTakeFirst();
    if (!hasStatuses) {
      await trx
        .insertInto("statuses")
        .values(defaultStatuses.map((status) => ({ tenant_id: tenant.id, ...status, is_default: true })))
        .execute();
    }
    const category = await trx
      .insertInto("categories")
      .values({ tenant_id: tenant.id, name: "Laptops", normalized_name: normalizeName("Laptops") })
      .returning("id")
      .executeTakeFirstOrThrow();
    const inStock = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .where("kind", "=", "in_stock")
      .executeTakeFirstOrThrow();
    const devices: Seeded["devices"] = [];
    const at = new Date().toISOString();
    for (let from = 0; from < DEVICES; from += 1000) {
      const count = Math.min(1000, DEVICES - from);
      const assets = await trx
        .insertInto("assets")
        .values(
          Array.from({ length: count }, (_, k) => ({
            tenant_id: tenant.id,
            tag: `AGENT-${from + k}`,
            name: `bench-${from + k}`,
            serial: `BENCH-${from + k}`,
            category_id: category.id,
            status_id: inStock.id,
          })),
        )
        .returning(["id", "serial"])
        .execute();
      const rows = assets.map((asset, k) => {
        const i = from + k;
        // parsed as the route parses it (the schema's defaults included), so the hashes match
        const payload = CheckIn.parse(JSON.parse(bodyOf(TEMPLATE, i, 0, at)));
        const reported = reportedOf(payload);
        const { credential, hash } = newDeviceCredential();
        devices.push({ id: "", credential, payload, hashes: `${reported.hash}/${reported.swHash}` });
        return { asset, i, reported, hash };
      });
      const inserted = await trx
        .insertInto("agent_devices")
        .values(
          rows.map(({ asset, i, reported, hash }) => ({
            tenant_id: tenant.id,
            asset_id: asset.id,
            status: "linked",
            hostname: `bench-${i}`,
            serial: asset.serial,
            macs: macsOf(reported.facts),
            os: "Debian GNU/Linux 12",
            agent_version: "0.3.0",
            credential_hash: hash,
            last_seen_day: sql<Date>`date_trunc('day', now(), 'UTC')`,
            facts: JSON.stringify(reported.facts),
            facts_hash: reported.hash,
            software_hash: reported.swHash,
            software_count: reported.software?.length ?? 0,
          })),
        )
        .returning("id")
        .execute();
      inserted.forEach((row, k) => {
        const device = devices[from + k];
        if (device) device.id = row.id;
      });
      await trx
        .insertInto("agent_device_presence")
        .values(
          inserted.map((row) => ({
            device_id: row.id,
            tenant_id: tenant.id,
            last_seen_at: sql<Date>`now()`,
            last_ip: "10.0.0.5",
            last_user: "alice",
            rate_tokens: 3,
            rate_at: sql<Date>`now()`,
          })),
        )
        .execute();
      const software = rows.flatMap(({ asset, reported }) =>
        (reported.software ?? []).map((s) => ({
          tenant_id: tenant.id,
          asset_id: asset.id,
          name: s.name,
          version: s.version,
          version_key: s.versionKey,
          publisher: s.publisher,
          source: s.source,
        })),
      );
      // 5,000 rows x 7 columns a statement, below PostgreSQL's 65,535 parameters
      for (let start = 0; start < software.length; start += 5000) {
        await trx
          .insertInto("asset_software")
          .values(software.slice(start, start + 5000))
          .execute();
      }
    }
    return { tenantId: tenant.id, devices };
  });
}

// ---------------------------------------------------------------------------------------------
// The load generator: a worker thread, plain JavaScript

const LOAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { port, template, credentials, bodySource } = workerData;
const bodyOf = eval(bodySource);
/** Each device's current variant: a change the server accepted becomes what it reports next. */
const variants = new Uint8Array(credentials.length);
let nextDevice = 0;
let changeTurn = 0;

function send(path, agent, body, credential) {
  return new Promise((resolve) => {
    const started = performance.now();
    const request = http.request(
      { host: "127.0.0.1", port, path, method: "POST", agent, headers: {
        authorization: "Bearer " + credential,
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      } },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode, ms: performance.now() - started, text: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", (error) => resolve({ status: 0, ms: performance.now() - started, text: String(error.message) }));
    request.end(body);
  });
}

/**
 * "closed": one loop per connection, each sending when its last answer came. "paced" (open loop): a
 * request every 1/rate s whether or not the earlier ones were answered, its latency counted from
 * when it was due, so a server falling behind shows in the figures instead of slowing the sender.
 */
async function phase({ kind, path, connections, rate, durationMs, changeShare }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  /** The latencies of the check-ins that carried no change, apart: where the tail comes from. */
  const unchangedLatencies = [];
  const statuses = {};
  let changesSent = 0;
  let changesRecorded = 0;
  let sample = "";
  const started = performance.now();
  const until = started + durationMs;
  async function one(due) {
    const i = nextDevice;
    nextDevice = (nextDevice + 1) % credentials.length;
    const change = Math.random() < changeShare;
    const variant = change ? variants[i] ^ (1 << (changeTurn++ % 2)) : variants[i];
    const body = bodyOf(template, i, variant, new Date().toISOString());
    const answer = await send(path, agent, body, credentials[i]);
    const ms = performance.now() - (due ?? performance.now() - answer.ms);
    latencies.push(ms);
    if (!change) unchangedLatencies.push(ms);
    statuses[answer.status] = (statuses[answer.status] || 0) + 1;
    if (answer.status !== 200 && !sample) sample = answer.status + " " + answer.text.slice(0, 300);
    if (change) {
      changesSent++;
      if (answer.status === 200) {
        variants[i] = variant;
        if (answer.text.includes('"changed":true')) changesRecorded++;
      }
    }
  }
  if (kind === "closed") {
    async function loop() {
      while (performance.now() < until) await one();
    }
    await Promise.all(Array.from({ length: connections }, loop));
  } else {
    const sent = [];
    for (let k = 0; started + (k * 1000) / rate < until; k++) {
      const due = started + (k * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(one(due));
    }
    await Promise.all(sent);
  }
  const elapsedMs = kind === "closed" ? performance.now() - started : durationMs;
  agent.destroy();
  return {
    count: latencies.length,
    elapsedMs,
    latencies,
    unchangedLatencies,
    statuses,
    changesSent,
    changesRecorded,
    sample,
  };
}

parentPort.on("message", async (message) => {
  parentPort.postMessage(await phase(message));
});
`;

type PhaseResult = {
  count: number;
  elapsedMs: number;
  latencies: number[];
  unchangedLatencies: number[];
  statuses: Record<string, number>;
  changesSent: number;
  changesRecorded: number;
  sample: string;
};

function loadGenerator(port: number, credentials: string[]) {
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: { port, template: TEMPLATE, credentials, bodySource: BODY_SOURCE },
  });
  return {
    run(phase: {
      kind: "closed" | "paced";
      path: string;
      connections: number;
      rate?: number;
      durationMs: number;
      changeShare: number;
    }) {
      return new Promise<PhaseResult>((resolve, reject) => {
        worker.once("error", reject);
        worker.once("message", (result: PhaseResult) => {
          worker.off("error", reject);
          resolve(result);
        });
        worker.postMessage(phase);
      });
    },
    stop: () => worker.terminate(),
  };
}

const perSecond = (result: PhaseResult) => Math.round((result.count / result.elapsedMs) * 1000);

// ---------------------------------------------------------------------------------------------

async function resetBuckets(db: Db, tenantId: string) {
  await withPlatform(db, (trx) =>
    trx
      .updateTable("agent_device_presence")
      .set({ rate_tokens: 3 })
      .where("tenant_id", "=", tenantId)
      .execute(),
  );
}

/** The fewest connections reaching 95 % of the best rate seen in short trials (a warm-up too). */
async function tune(
  load: ReturnType<typeof loadGenerator>,
  pathName: string,
  before: () => Promise<void>,
): Promise<{ connections: number; trials: string }> {
  const trials: Array<{ connections: number; rate: number }> = [];
  for (const connections of CONNECTIONS) {
    await before();
    const result = await load.run({
      kind: "closed",
      path: pathName,
      connections,
      durationMs: TRIAL_MS,
      changeShare: 0,
    });
    trials.push({ connections, rate: perSecond(result) });
  }
  const best = Math.max(...trials.map((t) => t.rate));
  const chosen = trials.find((t) => t.rate >= 0.95 * best) ?? trials[trials.length - 1];
  return {
    connections: chosen?.connections ?? CONNECTIONS[0] ?? 8,
    trials: trials.map((t) => `${t.connections}: ${t.rate}/s`).join(", "),
  };
}

/**
 * The ceiling: the same rows as a check-in writes them (the devices' presence rows: last seen,
 * address, user) by `insert ... on conflict do update` as the owner, CEILING_BATCH rows a
 * statement, each statement its own commit, one connection.
 */
async function ceiling(db: Db, tenantId: string, ids: string[]): Promise<number> {
  let written = 0;
  let from = 0;
  const started = performance.now();
  while (performance.now() - started < CEILING_MS) {
    const batch = ids.slice(from, from + CEILING_BATCH);
    from = (from + CEILING_BATCH) % ids.length;
    await sql`
      insert into agent_device_presence (device_id, tenant_id, last_seen_at, last_ip, last_user, rate_tokens, rate_at)
      select u.id, ${tenantId}, now(), '10.0.0.5', 'alice', 3, now() from unnest(${batch}::uuid[]) as u(id)
      on conflict (device_id) do update
        set last_seen_at = excluded.last_seen_at, last_ip = excluded.last_ip, last_user = excluded.last_user`.execute(
      db,
    );
    written += batch.length;
  }
  return Math.round((written / (performance.now() - started)) * 1000);
}

/**
 * The same check-ins without HTTP, in this process, CONNECTIONS_IN_PROCESS at a time: first each
 * in a transaction of its own (slot, then last seen: the route before write-behind presence, and
 * the OCS route today), then as the route does: the credential's lookup, the decision in process
 * and the presence buffered, the buffer written before the time is taken. Devices whose facts
 * changed during the HTTP run are left out, so every check-in here changes nothing.
 */
async function inProcess(db: Db, tenantId: string, devices: SeededDevice[]) {
  const current = await withPlatform(db, (trx) =>
    trx
      .selectFrom("agent_devices")
      .select(["id", "facts_hash", "software_hash"])
      .where("tenant_id", "=", tenantId)
      .execute(),
  );
  const hashes = new Map(current.map((row) => [row.id, `${row.facts_hash}/${row.software_hash}`]));
  const unchanged = devices.filter((d) => hashes.get(d.id) === d.hashes);
  const presence = new DevicePresence((key, writes) =>
    withTenant(db, key, async (trx) => {
      await sql`select set_config('synchronous_commit', 'off', true)`.execute(trx);
      await writeDevicePresence(trx, key, writes);
    }),
  );
  const ways = {
    perTransaction: (device: SeededDevice) =>
      withTenant(db, tenantId, async (trx) => {
        await takeCheckInSlot(trx, tenantId, device.id);
        const scope = {
          db: trx,
          tenantId,
          actor: agentActor(device.id, "bench"),
          requestId: "bench",
          cause: null,
        };
        const result = await checkIn(scope, device.id, device.payload, { ip: "10.0.0.5" });
        if (result.changed) throw new Error(`device ${device.id} changed: the in-process run expects none`);
      }),
    writeBehind: async (device: SeededDevice) => {
      const { rows } = await sql<{
        facts_hash: string | null;
        software_hash: string | null;
        rate_tokens: number | null;
        rate_at: Date | null;
      }>`select facts_hash, software_hash, rate_tokens, rate_at
           from app_agent_device(${tokenDigest(device.credential)})`.execute(db);
      const stored = rows[0];
      if (!stored) throw new Error(`device ${device.id}: no credential`);
      const bucket =
        stored.rate_tokens === null || stored.rate_at === null
          ? null
          : { tokens: Number(stored.rate_tokens), at: new Date(stored.rate_at).getTime() };
      presence.see(tenantId, bucket, { id: device.id, ip: "10.0.0.5", user: "alice" });
      if (!isUnchanged(stored, digestOf(device.payload))) {
        throw new Error(`device ${device.id}: expected an unchanged check-in`);
      }
    },
  };
  const finish: Partial<Record<keyof typeof ways, () => Promise<void>>> = {
    writeBehind: () => presence.flush(),
  };
  const rates: Record<keyof typeof ways, number> = { perTransaction: 0, writeBehind: 0 };
  for (const [name, way] of Object.entries(ways) as Array<
    [keyof typeof ways, (d: SeededDevice) => Promise<void>]
  >) {
    await resetBuckets(db, tenantId);
    let next = 0;
    let done = 0;
    const started = performance.now();
    const loop = async () => {
      while (performance.now() - started < IN_PROCESS_MS && next < unchanged.length) {
        const device = unchanged[next++] as SeededDevice;
        await way(device);
        done++;
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS_IN_PROCESS }, loop));
    await finish[name]?.();
    rates[name] = Math.round((done / (performance.now() - started)) * 1000);
  }
  return rates;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(" / ");

async function measure(): Promise<Metric[]> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "assetronics-agent-bench-"));
  const database = await openBenchDatabase("agent");
  let served: Served | undefined;
  let load: ReturnType<typeof loadGenerator> | undefined;
  try {
    const db = database.handle.db;
    const seedStarted = performance.now();
    const { tenantId, devices } = await seed(db);
    await sql`vacuum analyze agent_devices, agent_device_presence`.execute(db);
    console.log(`  seeded ${DEVICES} devices in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    served = await serve(
      { DATABASE_URL: database.url ?? "", DATA_DIR: workDir, BENCH_ROUTES: "true" },
      workDir,
    );
    const port = Number(new URL(served.base).port);
    load = loadGenerator(
      port,
      devices.map((d) => d.credential),
    );
    const checkInPath = "/api/agent/v1/check-in";
    const noOpPath = "/api/bench/agent-no-op";
    const loadBefore = loadAverage();

    const checkInTuning = await tune(load, checkInPath, () => resetBuckets(db, tenantId));
    const noOpTuning = await tune(load, noOpPath, async () => {});
    console.log(`  check-in trials (connections: rate): ${checkInTuning.trials}`);
    console.log(`  no-op trials (connections: rate): ${noOpTuning.trials}`);

    const eventsBefore = await eventCount(db, tenantId);
    await resetBuckets(db, tenantId);
    const updatesBefore = await tableUpdates(db);
    const checkIns = await load.run({
      kind: "closed",
      path: checkInPath,
      connections: checkInTuning.connections,
      durationMs: MEASURE_MS,
      changeShare: CHANGE_SHARE,
    });
    const eventsWritten = (await eventCount(db, tenantId)) - eventsBefore;
    // the same bodies, none changed: a change the no-op "accepted" would not be the device's
    const noOp = await load.run({
      kind: "closed",
      path: noOpPath,
      connections: noOpTuning.connections,
      durationMs: MEASURE_MS,
      changeShare: 0,
    });
    // the target's rate: half the no-op's, offered open loop, its latencies counted from when due
    const pacedRate = Math.max(1, Math.round(perSecond(noOp) * TARGET_RATIO));
    await resetBuckets(db, tenantId);
    const paced = await load.run({
      kind: "paced",
      path: checkInPath,
      connections: 64,
      rate: pacedRate,
      durationMs: MEASURE_MS,
      changeShare: CHANGE_SHARE,
    });
    // the same offered rate on the no-op: the latency tail of the server and this machine alone
    const pacedNoOp = await load.run({
      kind: "paced",
      path: noOpPath,
      connections: 64,
      rate: pacedRate,
      durationMs: MEASURE_MS,
      changeShare: 0,
    });
    const updates = updatesSince(updatesBefore, await tableUpdates(db), checkIns.count + paced.count);
    const ceilingRate = await ceiling(
      db,
      tenantId,
      devices.map((d) => d.id),
    );
    const inProcessRates = await inProcess(db, tenantId, devices);
    const loadAfter = loadAverage();

    for (const [name, result] of [
      ["check-in", checkIns],
      ["no-op", noOp],
      ["check-in paced", paced],
      ["no-op paced", pacedNoOp],
    ] as const) {
      console.log(
        `  ${name}: statuses ${JSON.stringify(result.statuses)}${result.sample ? `; ${result.sample}` : ""}`,
      );
    }
    console.log(
      `  check-in: ${checkIns.changesSent} changes sent, ${checkIns.changesRecorded} recorded, ${eventsWritten} events written`,
    );
    console.log(
      `  row updates over HTTP: presence ${updates.presence} (${updates.presenceHot} HOT), devices ${updates.devices} (${updates.devicesHot} HOT)`,
    );
    console.log(`  load average (1/5/15 min): ${loadBefore} before, ${loadAfter} after`);

    const checkInRate = perSecond(checkIns);
    const noOpRate = perSecond(noOp);
    const sorted = [...checkIns.latencies].sort((a, b) => a - b);
    const noOpSorted = [...noOp.latencies].sort((a, b) => a - b);
    const pacedSorted = [...paced.latencies].sort((a, b) => a - b);
    const failed =
      checkIns.count - (checkIns.statuses["200"] ?? 0) + paced.count - (paced.statuses["200"] ?? 0);
    return [
      { metric: "devices", value: DEVICES, unit: "devices", better: "higher" },
      {
        metric: `check-ins/s sustained (${MEASURE_MS / 1000} s, ${checkInTuning.connections} connections)`,
        value: checkInRate,
        unit: "/s",
        better: "higher",
      },
      { metric: "check-in p50, saturated", value: percentile(sorted, 50), unit: "ms", better: "lower" },
      { metric: "check-in p99, saturated", value: percentile(sorted, 99), unit: "ms", better: "lower" },
      {
        metric: `check-ins/s achieved with ${pacedRate}/s offered (${TARGET_RATIO} x the no-op's, open loop)`,
        value: perSecond(paced),
        unit: "/s",
        better: "higher",
      },
      {
        metric: `check-in p50 at ${pacedRate}/s`,
        value: percentile(pacedSorted, 50),
        unit: "ms",
        better: "lower",
      },
      {
        metric: `check-in p99 at ${pacedRate}/s`,
        value: percentile(pacedSorted, 99),
        unit: "ms",
        target: 50,
        better: "lower",
      },
      {
        metric: `check-in p99 at ${pacedRate}/s, the 98 % without a change`,
        value: percentile(
          [...paced.unchangedLatencies].sort((a, b) => a - b),
          99,
        ),
        unit: "ms",
        better: "lower",
      },
      {
        metric: `no-op route p99 at ${pacedRate}/s (the same offered rate)`,
        value: percentile(
          [...pacedNoOp.latencies].sort((a, b) => a - b),
          99,
        ),
        unit: "ms",
        better: "lower",
      },
      {
        metric: "check-ins answered other than 200",
        value: failed,
        unit: "requests",
        target: 0,
        better: "lower",
      },
      {
        metric: `check-ins carrying a change (${CHANGE_SHARE * 100} % sent)`,
        value: checkIns.changesRecorded,
        unit: "check-ins",
        better: "higher",
      },
      { metric: "events written by the check-ins", value: eventsWritten, unit: "events", better: "lower" },
      {
        metric: "presence row updates that were HOT (no index entry): the check-ins and a bucket reset",
        value: updates.presence > 0 ? Math.round((updates.presenceHot / updates.presence) * 1000) / 10 : 0,
        unit: "%",
        better: "higher",
      },
      {
        metric: "device (wide) row updates per 1,000 check-ins",
        value: updates.checkIns > 0 ? Math.round((updates.devices / updates.checkIns) * 10_000) / 10 : 0,
        unit: "updates",
        better: "lower",
      },
      {
        metric: `no-op route/s (${noOpTuning.connections} connections)`,
        value: noOpRate,
        unit: "/s",
        better: "higher",
      },
      { metric: "no-op route p99", value: percentile(noOpSorted, 99), unit: "ms", better: "lower" },
      {
        metric: "ratio check-ins / no-op route",
        value: ratio(checkInRate, noOpRate),
        unit: "x",
        target: TARGET_RATIO,
        better: "higher",
      },
      {
        metric: `raw batched upsert of the same rows (${CEILING_BATCH} a statement), rows/s`,
        value: ceilingRate,
        unit: "/s",
        better: "higher",
      },
      {
        metric: `in process, no HTTP: unchanged check-ins/s, a transaction each (${CONNECTIONS_IN_PROCESS} at a time)`,
        value: inProcessRates.perTransaction,
        unit: "/s",
        better: "higher",
      },
      {
        metric: `in process, no HTTP: unchanged check-ins/s, lookup and write-behind presence (${CONNECTIONS_IN_PROCESS} at a time)`,
        value: inProcessRates.writeBehind,
        unit: "/s",
        better: "higher",
      },
      {
        metric: "ratio check-ins / raw batched upsert",
        value: Math.round((checkInRate / ceilingRate) * 1000) / 1000,
        unit: "x",
        better: "higher",
      },
    ];
  } finally {
    await load?.stop();
    if (served) {
      const how = await stop(served.process);
      if (how === "killed") console.log("  the server ignored SIGTERM for 20 s and was killed");
    }
    await database.close().catch((error: unknown) => console.log(`  cleanup failed: ${String(error)}`));
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function eventCount(db: Db, tenantId: string): Promise<number> {
  const row = await withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.count);
}

type TableUpdates = Record<"presence" | "presenceHot" | "devices" | "devicesHot", number>;

/**
 * Rows updated in the two device tables so far, and how many of those updates were HOT. A backend
 * reports its counts at most once a second (PostgreSQL 15's cumulative statistics): the reading
 * waits for that first.
 */
async function tableUpdates(db: Db): Promise<TableUpdates> {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const { rows } = await sql<{ relname: string; updates: string; hot: string }>`
    select relname, n_tup_upd as updates, n_tup_hot_upd as hot from pg_stat_user_tables
     where relname in ('agent_devices', 'agent_device_presence')`.execute(db);
  const of = (table: string) => rows.find((row) => row.relname === table);
  return {
    presence: Number(of("agent_device_presence")?.updates ?? 0),
    presenceHot: Number(of("agent_device_presence")?.hot ?? 0),
    devices: Number(of("agent_devices")?.updates ?? 0),
    devicesHot: Number(of("agent_devices")?.hot ?? 0),
  };
}

/** The updates between two readings, over the `checkIns` answered between them. */
function updatesSince(before: TableUpdates, after: TableUpdates, checkIns: number) {
  return {
    presence: after.presence - before.presence,
    presenceHot: after.presenceHot - before.presenceHot,
    devices: after.devices - before.devices,
    devicesHot: after.devicesHot - before.devicesHot,
    checkIns,
  };
}

const benchmark: Benchmark = {
  name: "agent",
  description:
    "10,000 devices checking in over HTTP (next start, PostgreSQL), 2 % with a change, against a no-op route and a raw batched upsert",
  async run() {
    if (!process.env.DATABASE_URL) {
      console.log(
        "  skipped: set DATABASE_URL (PostgreSQL). On the embedded PGlite one connection serves every request, which measures that connection, not the check-in.",
      );
      return [];
    }
    console.log(`  build (${DIST_DIR}): ${ensureBuild()}`);
    return measure();
  },
};

export default benchmark;
