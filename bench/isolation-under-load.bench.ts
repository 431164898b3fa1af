import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import superjson, { type SuperJSONResult } from "superjson";
import { openDatabase } from "../db";
import { migrateToLatest } from "../db/migrate";
import { defaultStatuses } from "../server/assets/lifecycle";
import { type Db, withPlatform } from "../server/db";
import { normalizeName } from "../server/reference/names/normalize";
import { createTenant } from "../server/tenants/services/create-tenant";
import { type Benchmark, type Metric, percentile } from "./harness";
import { DIST_DIR, ensureBuild, type Served, serve, stop } from "./next-server";

/**
 * What another tenant sees while one tenant starts the heaviest things it can: the production build
 * (`next start`, its own dist dir `.next-bench`) on a fresh embedded database, then on a fresh
 * PostgreSQL database when DATABASE_URL is set. Probes (a worker thread, so the load's own work in
 * this process cannot delay them) time /api/health, tenant B's asset page and its tRPC asset list,
 * first idle, then while tenant A runs all its loads at once.
 */
const PASSWORD = "bench-password-1";
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 15_000);
/** The loads get this long; what has not finished by then is reported as unfinished. */
const LOAD_DEADLINE_MS = Number(process.env.BENCH_LOAD_DEADLINE_MS ?? 300_000);
const PROBE_TIMEOUT_MS = 60_000;
/** A probe request this slow or slower is listed with the time it started (the run's timeline). */
const SLOW_MS = 200;
/** The timeline's window. */
const WINDOW_MS = 30_000;
const IMPORT_ROWS = 50_000;
const EMPLOYEES = 500;
const LABEL_ASSETS = 3_000;
/** The server logs each stall of its event loop (and GC pause) this long or longer. */
const STALL_MS = 50;

// ---------------------------------------------------------------------------------------------
// Data: two tenants, written before the server starts

async function seedTenant(db: Db, label: string, assets: number, employees: number) {
  return withPlatform(db, async (trx) => {
    const email = `admin-${label}-${randomUUID().slice(0, 6)}@isolation.bench`;
    const { tenant } = await createTenant(trx, {
      name: `Isolation ${label}`,
      admin: { name: `Admin ${label}`, email, password: PASSWORD },
      via: "seed",
    });
    const existing = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .execute();
    if (existing.length === 0) {
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
    await trx
      .insertInto("locations")
      .values({ tenant_id: tenant.id, name: "Warehouse", kind: "site" })
      .execute();
    if (employees > 0) {
      await trx
        .insertInto("employees")
        .values(
          Array.from({ length: employees }, (_, i) => ({
            tenant_id: tenant.id,
            first_name: "Emp",
            last_name: `${i}`,
            work_email: `emp${i}@${label}.bench`,
          })),
        )
        .execute();
    }
    const inStock = await trx
      .selectFrom("statuses")
      .select("id")
      .where("tenant_id", "=", tenant.id)
      .where("kind", "=", "in_stock")
      .executeTakeFirstOrThrow();
    for (let from = 0; from < assets; from += 1000) {
      await trx
        .insertInto("assets")
        .values(
          Array.from({ length: Math.min(1000, assets - from) }, (_, k) => ({
            tenant_id: tenant.id,
            tag: `${label.toUpperCase()}-${from + k}`,
            name: `Dell Latitude 7440 #${from + k}`,
            serial: `SN-${label}-${from + k}`,
            category_id: category.id,
            status_id: inStock.id,
          })),
        )
        .execute();
    }
    return { email };
  });
}

/** A 50,000-row file, a tenth of the rows assigned: what the asset-import benchmark imports. */
function importCsv(prefix: string): string {
  const lines = [
    "Asset Tag,Name,Serial Number,Category,Status,Location,Assigned To,Purchase Date,Cost,Warranty End,Notes",
  ];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const assigned = i % 10 === 0 ? `emp${i % EMPLOYEES}@a.bench` : "";
    lines.push(
      `${prefix}-${i},Laptop ${i},${prefix}SN-${i},Laptops,,Warehouse,${assigned},2026-01-15,1299.00,2029-01-15,"row ${i}, imported"`,
    );
  }
  return lines.join("\n");
}

/** ~5 MB whose every row has eight problems (no tag or name, unknown references, bad dates and numbers). */
function problemsCsv(): string {
  const lines = ["Asset Tag,Name,Category,Status,Location,Assigned To,Purchase Date,Cost,Warranty End"];
  for (let i = 0; i < 125_000; i++) lines.push(`,,c${i % 97},s,l${i % 13},e${i % 7},d${i % 9},x,w`);
  return lines.join("\n");
}

/** 24 MB in 4.8 million short rows: refused (over 200,000 rows), after the rows are counted. */
function manyRowsCsv(): string {
  return `Asset Tag,Name,Category\n${"T,N,C\n".repeat(4_000_000)}`;
}

/** 24 MB in 200,000 rows (the most an import takes), every one valid: the largest dry run. */
function largestCsv(): string {
  const notes = "n".repeat(88);
  const lines = ["Asset Tag,Name,Category,Notes"];
  for (let i = 0; i < 200_000; i++) lines.push(`HX-${i},Laptop ${i},Laptops,${notes}`);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// HTTP as a signed-in user

async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookies.join("; "),
      origin: base,
    },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: `${base}/dashboard` }),
  });
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0] ?? "")
    .filter((cookie) => cookie.includes("session-token"));
  if (session.length === 0) throw new Error(`signing in as ${email} failed (${response.status})`);
  return [...cookies, ...session].join("; ");
}

type Client = { base: string; cookie: string; signal: AbortSignal };

async function trpc<T>(
  client: Client,
  procedure: string,
  input: unknown,
  type: "query" | "mutation",
): Promise<T> {
  const payload = JSON.stringify(superjson.serialize(input));
  const headers = { cookie: client.cookie, origin: client.base, "content-type": "application/json" };
  const response =
    type === "query"
      ? await fetch(`${client.base}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`, {
          headers,
          signal: client.signal,
        })
      : await fetch(`${client.base}/api/trpc/${procedure}`, {
          method: "POST",
          headers,
          body: payload,
          signal: client.signal,
        });
  const body = (await response.json()) as {
    result?: { data: SuperJSONResult };
    error?: SuperJSONResult;
  };
  if (body.error) {
    const error = superjson.deserialize<{ message: string }>(body.error);
    throw new Error(`${procedure} ${response.status}: ${error.message}`);
  }
  return superjson.deserialize<T>(body.result?.data ?? { json: null });
}

type ImportView = {
  id: string;
  status: string;
  columns: Array<string | null>;
  totalRows: number;
  validRows: number;
  importedRows: number;
  problemCount: number;
};

/** Where each import stood when last polled: what an unfinished load reports at the deadline. */
const lastSeen = new Map<string, ImportView>();

async function untilStatus(client: Client, importId: string, passing: string[]): Promise<ImportView> {
  for (;;) {
    const view = await trpc<ImportView>(client, "assets.import.get", { importId }, "query");
    lastSeen.set(importId, view);
    if (!passing.includes(view.status)) return view;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

const progressOf = (view: ImportView | undefined) =>
  view
    ? `${view.status}, ${view.validRows} of ${view.totalRows} rows valid, ${view.importedRows} imported`
    : "not uploaded";

/** upload -> validate (dry run) -> confirm in `mode`, each followed to its end; the outcome as text. */
async function importFile(
  client: Client,
  fileName: string,
  content: string,
  mode: "valid_only" | "all_or_nothing" | null,
): Promise<string> {
  const uploaded = await trpc<ImportView>(client, "assets.import.upload", { fileName, content }, "mutation");
  try {
    return await followImport(client, uploaded, mode);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message} (last seen: ${progressOf(lastSeen.get(uploaded.id))})`);
  }
}

async function followImport(
  client: Client,
  uploaded: ImportView,
  mode: "valid_only" | "all_or_nothing" | null,
): Promise<string> {
  await trpc(
    client,
    "assets.import.validate",
    { importId: uploaded.id, columns: uploaded.columns },
    "mutation",
  );
  const validated = await untilStatus(client, uploaded.id, ["uploaded", "validating"]);
  let outcome = `${validated.status}: ${validated.totalRows} rows, ${validated.problemCount} problems`;
  if (mode === null) {
    const started = performance.now();
    const page = await trpc<{ total: number; items: unknown[] }>(
      client,
      "assets.import.problems",
      { importId: uploaded.id, page: 1, pageSize: 50 },
      "query",
    );
    outcome += `; problems page 1 (${page.items.length} of ${page.total}) in ${Math.round(performance.now() - started)} ms`;
    return outcome;
  }
  await trpc(client, "assets.import.confirm", { importId: uploaded.id, mode }, "mutation");
  const done = await untilStatus(client, uploaded.id, ["validated", "importing"]);
  return `${outcome}; ${mode} ${done.status}: ${done.importedRows} imported`;
}

async function download(client: Client, url: string): Promise<string> {
  const response = await fetch(`${client.base}${url}`, {
    headers: { cookie: client.cookie },
    signal: client.signal,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  return `${response.status}, ${(bytes / 1e6).toFixed(2)} MB`;
}

// ---------------------------------------------------------------------------------------------
// Probes: a worker thread, plain JavaScript, timing one request after another per target

const PROBE_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { base, cookie, timeoutMs, targets, slowMs } = workerData;
let running = true;
const samples = Object.fromEntries(targets.map((t) => [t.name, []]));
const timeouts = Object.fromEntries(targets.map((t) => [t.name, 0]));
// when each slow request started (epoch ms) and how long it took: where in the run the tail is
const slow = Object.fromEntries(targets.map((t) => [t.name, []]));
parentPort.on("message", (message) => {
  if (message === "stop") running = false;
});
async function loop(target) {
  while (running) {
    const started = performance.now();
    const startedAt = Date.now();
    try {
      const response = await fetch(base + target.path, {
        headers: target.auth ? { cookie } : {},
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(target.path + " answered " + response.status);
    } catch (error) {
      if (error && error.name === "TimeoutError") timeouts[target.name]++;
      else if (running) { parentPort.postMessage({ error: String(error && error.message || error) }); }
    }
    const took = performance.now() - started;
    samples[target.name].push(took);
    if (took >= slowMs) slow[target.name].push([startedAt, Math.round(took)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
Promise.all(targets.map(loop)).then(() => parentPort.postMessage({ samples, timeouts, slow }));
`;

type ProbeResult = {
  samples: Record<string, number[]>;
  timeouts: Record<string, number>;
  /** [started at (epoch ms), ms] of each request that took SLOW_MS or more */
  slow: Record<string, Array<[number, number]>>;
  errors: string[];
};

function startProbes(
  base: string,
  cookie: string,
  targets: Array<{ name: string; path: string; auth: boolean }>,
) {
  const errors: string[] = [];
  const worker = new Worker(PROBE_WORKER, {
    eval: true,
    workerData: { base, cookie, timeoutMs: PROBE_TIMEOUT_MS, targets, slowMs: SLOW_MS },
  });
  const result = new Promise<ProbeResult>((resolve, reject) => {
    worker.on("message", (message: { error?: string } & Partial<ProbeResult>) => {
      if (message.error) {
        if (errors.length < 5) errors.push(message.error);
        return;
      }
      resolve({
        samples: message.samples ?? {},
        timeouts: message.timeouts ?? {},
        slow: message.slow ?? {},
        errors,
      });
    });
    worker.on("error", reject);
  });
  return {
    async stop(): Promise<ProbeResult> {
      worker.postMessage("stop");
      const done = await result;
      await worker.terminate();
      return done;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The server's own account of its event loop (EVENT_LOOP_STALL_MS, server/heavy-jobs.ts)

type Stalls = {
  stalls: number[];
  /** when each stall ended (epoch ms), from the log line's time */
  stalledAt: number[];
  gcPauses: number[];
  /** [when (epoch ms), ms] of each pass of PGlite's table maintenance (db/pglite-maintenance.ts) */
  maintenance: Array<[number, number]>;
  errors: string[];
};

/** The stalls, GC pauses and (the first few) errors the server logged after `offset` bytes of its log. */
function stallsLogged(logFile: string, offset: number): Stalls {
  const found: Stalls = { stalls: [], stalledAt: [], gcPauses: [], maintenance: [], errors: [] };
  const text = readFileSync(logFile, "utf8").slice(offset);
  for (const line of text.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string; ms?: number; time?: string };
      if (entry.level === "error" && found.errors.length < 5) found.errors.push(line.slice(0, 300));
      if (entry.msg === "event loop stalled" && entry.ms !== undefined) {
        found.stalls.push(entry.ms);
        found.stalledAt.push(Date.parse(entry.time ?? ""));
      }
      if (entry.msg === "garbage collection pause" && entry.ms !== undefined) found.gcPauses.push(entry.ms);
      if (entry.msg === "tables maintained" && entry.ms !== undefined)
        found.maintenance.push([Date.parse(entry.time ?? ""), entry.ms]);
    } catch {
      // a line of Next.js's own output
    }
  }
  return found;
}

const describeStalls = (values: number[]) => {
  if (values.length === 0) return "none";
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const over100 = sorted.filter((value) => value >= 100).length;
  return `${sorted.length} (${over100} of 100 ms or more), median ${percentile(sorted, 50)} ms, max ${sorted.at(-1)} ms, ${(total / 1000).toFixed(1)} s in all`;
};

/**
 * Where in the run the tail is: per window since the loads started, the probe requests that took
 * SLOW_MS or more, the event loop's stalls and PGlite's table maintenance, beside the loads that
 * ended in that window.
 */
function printTimeline(
  label: string,
  startedAt: number,
  probes: ProbeResult,
  stalls: Stalls,
  loads: Array<{ name: string; seconds: number }>,
) {
  const windowOf = (at: number) => Math.max(0, Math.floor((at - startedAt) / WINDOW_MS));
  const windows = new Map<number, string[]>();
  const add = (index: number, text: string) => windows.set(index, [...(windows.get(index) ?? []), text]);
  for (const [name, slow] of Object.entries(probes.slow)) {
    const counts = new Map<number, number>();
    for (const [at] of slow) counts.set(windowOf(at), (counts.get(windowOf(at)) ?? 0) + 1);
    for (const [index, count] of counts) add(index, `${count} slow ${name}`);
  }
  const stallTotals = new Map<number, { count: number; ms: number }>();
  stalls.stalledAt.forEach((at, i) => {
    const total = stallTotals.get(windowOf(at)) ?? { count: 0, ms: 0 };
    stallTotals.set(windowOf(at), { count: total.count + 1, ms: total.ms + (stalls.stalls[i] ?? 0) });
  });
  for (const [index, total] of stallTotals) add(index, `${total.count} stalls (${total.ms} ms)`);
  for (const [at, ms] of stalls.maintenance) add(windowOf(at), `table maintenance (${ms} ms)`);
  for (const load of loads) add(Math.floor((load.seconds * 1000) / WINDOW_MS), `${load.name} ended`);
  for (const index of [...windows.keys()].sort((a, b) => a - b)) {
    const from = (index * WINDOW_MS) / 1000;
    console.log(`  ${label} ${from}-${from + WINDOW_MS / 1000} s: ${(windows.get(index) ?? []).join(", ")}`);
  }
}

// ---------------------------------------------------------------------------------------------

type Mode = { label: "PGlite" | "PostgreSQL"; env: Record<string, string>; cleanup: () => Promise<void> };

async function prepareDatabase(label: Mode["label"], workDir: string) {
  if (label === "PGlite") {
    const handle = await openDatabase({ dataDir: workDir });
    return { handle, mode: { label, env: { DATA_DIR: workDir }, cleanup: async () => {} } as Mode };
  }
  const adminUrl = process.env.DATABASE_URL ?? "";
  const name = `assetronics_bench_isolation_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "" });
  const cleanup = async () => {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return {
    handle,
    mode: { label, env: { DATA_DIR: workDir, DATABASE_URL: url.toString() }, cleanup } as Mode,
  };
}

const targets = [
  { name: "/api/health", path: "/api/health", auth: false },
  { name: "tenant B: GET /assets", path: "/assets", auth: true },
  {
    name: "tenant B: tRPC assets.list",
    path: `/api/trpc/assets.list?input=${encodeURIComponent(JSON.stringify(superjson.serialize({})))}`,
    auth: true,
  },
];

async function measure(label: Mode["label"]): Promise<Metric[]> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), "assetronics-isolation-"));
  const { handle, mode } = await prepareDatabase(label, workDir);
  let served: Served | undefined;
  try {
    await migrateToLatest(handle.db);
    const tenantA = await seedTenant(handle.db, "a", LABEL_ASSETS, EMPLOYEES);
    const tenantB = await seedTenant(handle.db, "b", 200, 0);
    await handle.close();

    served = await serve({ ...mode.env, EVENT_LOOP_STALL_MS: String(STALL_MS) }, workDir);
    const { base } = served;
    const controller = new AbortController();
    const clientA: Client = { base, cookie: await signIn(base, tenantA.email), signal: controller.signal };
    const cookieB = await signIn(base, tenantB.email);

    // every file and request body made before anything is timed
    const files = {
      validOnly: importCsv("VO"),
      allOrNothing: importCsv("AN"),
      problems: problemsCsv(),
      manyRows: manyRowsCsv(),
      largest: largestCsv(),
    };
    const batchPath = `/api/trpc/${Array.from({ length: 200 }, () => "assets.list").join(",")}?batch=1&input=${encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, superjson.serialize({})]))),
    )}`;

    // warm up: the first request of each page compiles nothing in production, but fills caches
    for (const target of targets) {
      await fetch(`${base}${target.path}`, { headers: target.auth ? { cookie: cookieB } : {} });
    }

    console.log(`  ${label}: idle for ${IDLE_MS / 1000} s`);
    const idleProbes = startProbes(base, cookieB, targets);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idle = await idleProbes.stop();

    console.log(`  ${label}: tenant A starts every load at once`);
    const logOffset = statSync(served.logFile).size;
    const loadProbes = startProbes(base, cookieB, targets);
    const loadStartedAt = Date.now();
    const timed = async (name: string, work: () => Promise<string>) => {
      const started = performance.now();
      try {
        const outcome = await work();
        return { name, seconds: (performance.now() - started) / 1000, outcome };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          name,
          seconds: (performance.now() - started) / 1000,
          outcome: `failed: ${message.slice(0, 300)}`,
        };
      }
    };
    const deadline = setTimeout(() => controller.abort(), LOAD_DEADLINE_MS);
    const all = [
      ["import 50k valid_only", () => importFile(clientA, "valid-only.csv", files.validOnly, "valid_only")],
      [
        "import 50k all_or_nothing",
        () => importFile(clientA, "all-or-nothing.csv", files.allOrNothing, "all_or_nothing"),
      ],
      [
        "~1M-problem file (dry run + problems page)",
        () => importFile(clientA, "problems.csv", files.problems, null),
      ],
      ["24 MB upload, 4M rows", () => importFile(clientA, "many-rows.csv", files.manyRows, null)],
      ["24 MB upload, 200k rows + dry run", () => importFile(clientA, "largest.csv", files.largest, null)],
      ["3,000-label sheet", () => download(clientA, "/api/assets/labels?size=avery-5160")],
      ["asset CSV export", () => download(clientA, "/api/assets/export")],
      ["200-call tRPC batch", () => download(clientA, batchPath)],
    ] as const;
    // BENCH_LOADS=import,label: only the loads whose names contain one of these (for a diagnosis).
    const only = (process.env.BENCH_LOADS ?? "").split(",").filter(Boolean);
    const loads = await Promise.all(
      all
        .filter(([name]) => only.length === 0 || only.some((part) => name.includes(part)))
        .map(([name, work]) => timed(name, work)),
    );
    clearTimeout(deadline);
    const loaded = await loadProbes.stop();
    const stalls = stallsLogged(served.logFile, logOffset);

    for (const load of loads) {
      console.log(`  ${label}: ${load.name}: ${load.seconds.toFixed(1)} s, ${load.outcome}`);
    }
    console.log(
      `  ${label}: event loop stalls of ${STALL_MS} ms or more under load: ${describeStalls(stalls.stalls)}`,
    );
    console.log(
      `  ${label}: garbage collection pauses of ${STALL_MS} ms or more: ${describeStalls(stalls.gcPauses)}`,
    );
    for (const error of stalls.errors) console.log(`  ${label}: server error: ${error}`);
    printTimeline(label, loadStartedAt, loaded, stalls, loads);
    for (const [phase, result] of [
      ["idle", idle],
      ["under load", loaded],
    ] as const) {
      for (const error of result.errors) console.log(`  ${label} ${phase} probe error: ${error}`);
      for (const [name, count] of Object.entries(result.timeouts)) {
        if (count > 0)
          console.log(`  ${label} ${phase}: ${name} timed out ${count}x (${PROBE_TIMEOUT_MS / 1000} s)`);
      }
    }

    const metrics: Metric[] = [];
    for (const target of targets) {
      const idleSorted = [...(idle.samples[target.name] ?? [])].sort((a, b) => a - b);
      const loadSorted = [...(loaded.samples[target.name] ?? [])].sort((a, b) => a - b);
      const round = (value: number) => Math.round(value * 10) / 10;
      const prefix = `${label} ${target.name}`;
      metrics.push(
        {
          metric: `${prefix} p50 idle`,
          value: round(percentile(idleSorted, 50)),
          unit: "ms",
          better: "lower",
        },
        {
          metric: `${prefix} p99 idle`,
          value: round(percentile(idleSorted, 99)),
          unit: "ms",
          better: "lower",
        },
        {
          metric: `${prefix} p50 under load`,
          value: round(percentile(loadSorted, 50)),
          unit: "ms",
          better: "lower",
        },
        {
          metric: `${prefix} p99 under load (n=${loadSorted.length})`,
          value: round(percentile(loadSorted, 99)),
          unit: "ms",
          target: 200,
          better: "lower",
        },
        {
          metric: `${prefix} p99 ratio load/idle`,
          value: Math.round((percentile(loadSorted, 99) / percentile(idleSorted, 99)) * 10) / 10,
          unit: "x",
          better: "lower",
        },
      );
    }
    metrics.push(
      {
        metric: `${label} event loop stalls >= ${STALL_MS} ms under load`,
        value: stalls.stalls.length,
        unit: "count",
        better: "lower",
      },
      {
        metric: `${label} longest event loop stall under load`,
        value: Math.max(0, ...stalls.stalls),
        unit: "ms",
        better: "lower",
      },
    );
    for (const load of loads) {
      metrics.push({
        metric: `${label} load: ${load.name}`,
        value: Math.round(load.seconds * 10) / 10,
        unit: "s",
        better: "lower",
      });
    }
    return metrics;
  } finally {
    if (served) {
      const how = await stop(served.process);
      if (how === "killed") console.log(`  ${label}: the server ignored SIGTERM for 20 s and was killed`);
    }
    await mode
      .cleanup()
      .catch((error: unknown) => console.log(`  ${label}: cleanup failed: ${String(error)}`));
    // The server's log outlives the run, for a closer look at what the timeline shows.
    if (served) {
      const kept = path.join(os.tmpdir(), `isolation-under-load-${label.toLowerCase()}.log`);
      copyFileSync(served.logFile, kept);
      console.log(`  ${label}: the server's log is in ${kept}`);
    }
    rmSync(workDir, { recursive: true, force: true });
  }
}

const benchmark: Benchmark = {
  name: "isolation-under-load",
  description:
    "health and another tenant's pages, p50/p99 idle and while one tenant runs its heaviest loads at once (next start)",
  async run() {
    console.log(`  build (${DIST_DIR}): ${ensureBuild()}`);
    // BENCH_DRIVERS=postgresql (or pglite): one half only, to re-measure it alone.
    const drivers = (process.env.BENCH_DRIVERS ?? "pglite,postgresql").toLowerCase().split(",");
    const metrics: Metric[] = [];
    if (drivers.includes("pglite")) metrics.push(...(await measure("PGlite")));
    if (process.env.DATABASE_URL && drivers.includes("postgresql")) {
      metrics.push(...(await measure("PostgreSQL")));
    }
    return metrics;
  },
};

export default benchmark;
