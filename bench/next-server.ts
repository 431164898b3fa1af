import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/**
 * The production build the HTTP benchmarks measure (isolation-under-load, agent): `next build`
 * into its own dist dir (.next-bench, so it never replaces the build e2e tests serve), reused while
 * no source is newer, and `next start` on a free loopback port with the environment given.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const DIST_DIR = ".next-bench";

const run = (command: string, args: string[]) => spawnSync(command, args, { encoding: "utf8" });

/** Newest modification time of the app's sources: a build older than this is rebuilt. */
function newestSource(dir = ROOT): number {
  const skip = new Set([
    "node_modules",
    ".git",
    "bench",
    "tests",
    "e2e",
    "test-results",
    "playwright-report",
  ]);
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) || entry.name.startsWith(".next") || entry.name.startsWith(".data")) continue;
    if (entry.name.startsWith(".") && entry.isDirectory()) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (/\.(tsx?|mjs|js|css|json)$/.test(entry.name)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** Builds into .next-bench unless a build newer than every source is there. */
export function ensureBuild(): string {
  const buildId = path.join(ROOT, DIST_DIR, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestSource()) return "reused";
  // The build's own process (node .../.bin/next build), not a command line that merely mentions one
  // (a shell waiting for /tmp/heavy.lock to run `npx next build` later).
  if (run("pgrep", ["-f", "bin/next build"]).status === 0) {
    throw new Error(
      "Another `next build` is running: two builds do not fit this machine. Run the benchmark when it has finished.",
    );
  }
  // `next build` rewrites tsconfig.json and next-env.d.ts for its dist dir: keep the shared ones.
  const kept = ["tsconfig.json", "next-env.d.ts"].map((name) => {
    const file = path.join(ROOT, name);
    return { file, text: existsSync(file) ? readFileSync(file, "utf8") : null };
  });
  const started = performance.now();
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    // a build sees no runtime configuration (with AUTH_SECRET but no APP_URL the Inngest client
    // module fails while Next.js collects page data)
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
    encoding: "utf8",
  });
  for (const { file, text } of kept) {
    if (text === null) rmSync(file, { force: true });
    else if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  return `built in ${Math.round((performance.now() - started) / 1000)} s`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

export type Served = { base: string; process: ChildProcess; logFile: string };

export async function serve(env: Record<string, string>, workDir: string): Promise<Served> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(workDir, "server.log");
  const log = openSync(logFile, "a");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the server (a diagnosis, not a figure).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      path.join(ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // our shutdown (server/shutdown.ts) instead of Next.js's immediate exit
        NEXT_MANUAL_SIG_HANDLE: "true",
        NEXT_DIST_DIR: DIST_DIR,
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: base,
        AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123",
        LOG_LEVEL: "warn",
        SEED_DEMO: "false",
        ...env,
      },
      stdio: ["ignore", log, log],
    },
  );
  closeSync(log);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited:\n${readFileSync(logFile, "utf8")}`);
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`next start did not answer:\n${readFileSync(logFile, "utf8")}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { base, process: child, logFile };
}

/**
 * SIGTERM, then SIGKILL if it has not exited within 20 s (a frozen process ignores SIGTERM): the
 * server gives running function calls 10 s to finish (the engine's stop grace) before it closes.
 */
export async function stop(child: ChildProcess): Promise<"exited" | "killed"> {
  if (child.exitCode !== null) return "exited";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const inTime = await Promise.race([
    exited.then(() => true),
    new Promise((r) => setTimeout(() => r(false), 20_000)),
  ]);
  if (inTime) return "exited";
  child.kill("SIGKILL");
  await exited;
  return "killed";
}
