import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type AppServerOptions = {
  port: number;
  /** PostgreSQL; without it, the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  authSecret: string;
  /** How long stop() waits after SIGTERM before it kills (15 s unless given). */
  stopTimeoutMs?: number;
};

/** How a stop() ended: the exit code, and whether SIGTERM was not enough (SIGKILL). */
export type Stopped = { code: number | null; killed: boolean };

export type AppServerProcess = {
  url: string;
  /** Spawns `next start` and resolves once /api/health answers 200. */
  start: () => Promise<void>;
  /** SIGKILL: no shutdown hook runs, exactly like a crashed machine or an OOM kill. */
  kill: () => Promise<void>;
  /** SIGTERM (the engine hands its runs back), then SIGKILL if it has not exited in time. */
  stop: () => Promise<Stopped>;
  /** The last lines the server printed, for a failure message. */
  output: () => string;
};

const OUTPUT_LINES = 200;
const HEALTH_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The production build served by `next start` as its own process, the way scripts/e2e-server.mjs
 * serves it, on the given port and database, with the embedded automation engine and no demo seed.
 * Its own process group, so a kill reaches anything it spawned.
 */
export function appServerProcess(options: AppServerOptions): AppServerProcess {
  const url = `http://localhost:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    // our shutdown (server/shutdown.ts) instead of Next.js's immediate exit
    NEXT_MANUAL_SIG_HANDLE: "true",
    DATABASE_URL: options.databaseUrl,
    AUTH_SECRET: options.authSecret,
    APP_URL: url,
    SEED_DEMO: "false",
    LOG_LEVEL: "warn",
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  if (options.dataDir) env.DATA_DIR = options.dataDir;
  // Embedded mode whatever the caller's shell has configured.
  for (const name of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_DEV", "INNGEST_BASE_URL"]) {
    delete env[name];
  }
  const lines: string[] = [];
  let child: ChildProcess | undefined;
  let exited: Promise<number | null> = Promise.resolve(null);

  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES));
  };

  async function healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  const alive = (running: ChildProcess | undefined): running is ChildProcess & { pid: number } =>
    running?.pid !== undefined && running.exitCode === null && running.signalCode === null;

  async function kill(): Promise<void> {
    if (!alive(child)) return;
    process.kill(-child.pid, "SIGKILL");
    await exited;
  }

  return {
    url,
    async start() {
      if (alive(child)) throw new Error("The app server is already running");
      if (await healthy()) throw new Error(`Something else already answers on ${url}`);
      const spawned = spawn(
        path.join("node_modules", ".bin", "next"),
        ["start", "-p", String(options.port)],
        {
          env,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      child = spawned;
      spawned.stdout?.on("data", keep);
      spawned.stderr?.on("data", keep);
      exited = new Promise((resolve) => spawned.once("exit", (code) => resolve(code)));
      const deadline = Date.now() + HEALTH_TIMEOUT_MS;
      while (!(await healthy())) {
        if (spawned.exitCode !== null || spawned.signalCode !== null) {
          throw new Error(`The app server exited while starting:\n${lines.join("\n")}`);
        }
        if (Date.now() > deadline)
          throw new Error(`The app server did not become healthy in ${HEALTH_TIMEOUT_MS} ms`);
        await pause(50);
      }
    },
    kill,
    async stop() {
      if (!alive(child)) return { code: child?.exitCode ?? null, killed: false };
      process.kill(-child.pid, "SIGTERM");
      const timedOut = await Promise.race([
        exited.then(() => false),
        pause(options.stopTimeoutMs ?? STOP_TIMEOUT_MS).then(() => true),
      ]);
      if (timedOut) await kill();
      return { code: await exited, killed: timedOut };
    },
    output: () => lines.join("\n"),
  };
}
