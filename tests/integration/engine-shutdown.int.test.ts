import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { migrateToLatest } from "@/db/migrate";
import { withPlatform } from "@/server/db";
import { SHUTDOWN_DEADLINE_MS } from "@/server/shutdown";
import { waitFor } from "../support/wait-for";

/**
 * A server process stopped by SIGTERM while a function step is running (its effect out, its answer
 * not yet back) must let the step finish and record it before exiting, close the embedded
 * database cleanly, end the live streams open, and the next process must carry on from the step
 * after: one effect, not two.
 * The processes are real (tests/support/engine-app-process.ts, with the app's signal handling);
 * the control case exits at once on SIGTERM, as Next.js's own handler does, and shows the step
 * running twice.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrated data dir, copied for each case: each process then only opens it. */
let template: string;
beforeAll(async () => {
  template = freshDir();
  const handle = await openDatabase({ dataDir: template });
  await migrateToLatest(handle.db);
  await handle.close();
}, 120_000);

function freshDir(from?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "assetronics-shutdown-"));
  dirs.push(dir);
  if (from) cpSync(from, dir, { recursive: true });
  return dir;
}

type AppProcess = {
  child: ChildProcess;
  eventsUrl: string;
  output: string[];
  exited: Promise<number | null>;
};

async function startApp(dataDir: string, shutdown: "app" | "exit"): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EFFECTS_FILE: path.join(dataDir, "effects.log"),
    STEP_MS: "1500",
    SHUTDOWN: shutdown,
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/engine-app-process.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const eventsUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      output.push(line);
      if (line.startsWith("events ")) resolve(line.slice("events ".length));
    });
    void exited.then((code) =>
      reject(new Error(`the app exited (${code}) before it ran:\n${output.join("\n")}`)),
    );
  });
  return { child, eventsUrl, output, exited };
}

const effects = (dataDir: string) => {
  const file = path.join(dataDir, "effects.log");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
};

/**
 * Starts the function, then sends SIGTERM once its first step's effect is out; resolves with the
 * exit and with what a live stream open meanwhile received (null: cut off).
 */
async function terminateMidStep(dataDir: string, shutdown: "app" | "exit", key: string) {
  const app = await startApp(dataDir, shutdown);
  const streamed = fetch(new URL("/stream", app.eventsUrl)).then(
    (response) => response.text(),
    () => null,
  );
  const sent = await fetch(app.eventsUrl, {
    method: "POST",
    body: JSON.stringify({ name: "test/effect.requested", data: { key } }),
  });
  expect(sent.status).toBe(200);
  await waitFor("the step's effect", async () => effects(dataDir).includes(`sent ${key}`), 20_000);
  const signalled = Date.now();
  app.child.kill("SIGTERM");
  const code = await app.exited;
  return { code, ms: Date.now() - signalled, output: app.output.join("\n"), streamed: await streamed };
}

/** A second process on the same data dir, until the run has finished. */
async function resume(dataDir: string): Promise<void> {
  const app = await startApp(dataDir, "app");
  const completed = () => app.output.some((line) => line.includes('"msg":"automation run completed"'));
  await waitFor("the run to finish", async () => completed(), 30_000);
  app.child.kill("SIGTERM");
  expect(await app.exited).toBe(143);
}

it("on SIGTERM mid-step, finishes and records the step, closes PGlite, and the next process runs the rest: one effect", async () => {
  const dataDir = freshDir(template);
  const key = randomUUID();
  const stopped = await terminateMidStep(dataDir, "app", key);
  expect(stopped.code, stopped.output).toBe(143);
  // The step had 1.5 s left: the exit waited for it, and no longer than the deadline.
  expect(stopped.ms).toBeGreaterThan(500);
  expect(stopped.ms).toBeLessThan(SHUTDOWN_DEADLINE_MS);
  // The open stream was ended by the shutdown (answered in full), not cut off at the deadline.
  expect(stopped.streamed).toContain("event: unread");

  await resume(dataDir);
  expect(effects(dataDir)).toEqual([`sent ${key}`, `recorded ${key}`]);

  // The data dir opens again and holds the run as completed, its first step memoized once.
  const handle = await openDatabase({ dataDir });
  try {
    const steps = await withPlatform(handle.db, (trx) =>
      trx
        .selectFrom("automation_runs as r")
        .innerJoin("automation_steps as s", "s.run_id", "r.id")
        .select(["r.status", "s.name"])
        .where("r.function_id", "=", "shutdown-effect")
        .orderBy("s.id")
        .execute(),
    );
    expect(steps).toEqual([
      { status: "completed", name: "send" },
      { status: "completed", name: "record" },
    ]);
  } finally {
    await handle.close();
  }
}, 120_000);

it("control: a process that exits at once on SIGTERM leaves the step unrecorded, and it runs again", async () => {
  const dataDir = freshDir(template);
  const key = randomUUID();
  const stopped = await terminateMidStep(dataDir, "exit", key);
  expect(stopped.code).toBe(143);
  await resume(dataDir);
  expect(effects(dataDir)).toEqual([`sent ${key}`, `sent ${key}`, `recorded ${key}`]);
}, 120_000);
