#!/usr/bin/env node
// The run command: builds the app when its sources changed since the last build, and serves it
// with everything embedded (PGlite under DATA_DIR, the demo seeded on first start) on
// http://localhost:3000, listening on 127.0.0.1 only unless HOST says otherwise. Set DATABASE_URL
// to use PostgreSQL (then it listens on all interfaces). `--build` forces a build, `--no-build`
// skips it. "ready" is printed once a signed-in page can be served (scripts/readiness.mjs).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { buildInputsHash, isBuildCurrent, recordBuild } from "./build-inputs.mjs";
import {
  awaitsEngineLine,
  classifyServerLine,
  probeUrl,
  readinessLogin,
  waitUntilServing,
} from "./readiness.mjs";
import { nextStartArgs, prepareDataDir, startEnvironment } from "./start-options.mjs";

const root = process.cwd();
const env = startEnvironment(process.env);
// The app handles SIGTERM and SIGINT itself (server/shutdown.ts): Next.js's own handler would exit
// as soon as its HTTP server closed, before automation steps in flight are recorded.
env.NEXT_MANUAL_SIG_HANDLE = "true";
const distDir = path.join(root, env.NEXT_DIST_DIR || ".next");
prepareDataDir(env);
const started = Date.now();
const bin = (name) => path.join("node_modules", ".bin", name);
const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Runs a child process, each output line through `onLine`; resolves with its exit code. */
function run(args, onLine) {
  const child = spawn(bin("next"), args, { stdio: ["inherit", "pipe", "pipe"], env });
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on("line", onLine);
  return child;
}

/**
 * `next build`, its output shown as it comes and, through its long quiet stretches (compiling
 * takes minutes on a small machine), a line every 15 s saying it is still at it.
 */
async function build() {
  console.log("Building the app: no build of the current sources yet. This takes a few minutes…");
  const since = Date.now();
  let lastOutput = Date.now();
  const heartbeat = setInterval(() => {
    if (Date.now() - lastOutput >= 15_000) {
      console.log(`  … still building (${seconds(since)})`);
      lastOutput = Date.now();
    }
  }, 5_000);
  const child = run(["build"], (line) => {
    lastOutput = Date.now();
    console.log(line);
  });
  const code = await new Promise((resolve) => child.on("exit", (status) => resolve(status ?? 1)));
  clearInterval(heartbeat);
  if (code !== 0) process.exit(code);
  // Hashed after the build: `next build` may rewrite tsconfig.json.
  recordBuild(distDir, buildInputsHash(root, env));
  console.log(`Built in ${seconds(since)}.`);
}

if (process.argv.includes("--no-build")) {
  console.log("Skipping the build (--no-build).");
} else if (!process.argv.includes("--build") && isBuildCurrent(distDir, buildInputsHash(root, env))) {
  console.log("The build is up to date (no source changed since it was made).");
} else {
  await build();
}

// The agent binaries the app serves (Settings -> Agent's install command), built once when Go is
// here; in the background, so the app starts meanwhile. Without Go the download says how to build.
if (
  !existsSync(path.join(root, "agent", "dist", "assetronics-agent-linux-amd64")) &&
  spawnSync("go", ["version"], { stdio: "ignore" }).status === 0
) {
  console.log("Building the endpoint agent's binaries in the background (agent/dist)…");
  spawn(process.execPath, ["scripts/agent-build.mjs"], { stdio: "ignore" }).on("exit", (code) =>
    console.log(
      code === 0 ? "Agent binaries built." : "The agent build failed: run npm run agent:build to see why.",
    ),
  );
}

const data = env.DATABASE_URL ? "PostgreSQL" : path.resolve(env.DATA_DIR, "pglite");
console.log(`Starting Assetronics (data: ${data}); preparing the database and automation…`);
let stopped = false;
let engineRunning = !awaitsEngineLine(env);
let announced = false;
const server = run(nextStartArgs(env), (line) => {
  const meaning = classifyServerLine(line);
  if (meaning === "next_ready") {
    console.log("  … server listening; waiting for the database (migrations, first-start data)");
    return;
  }
  if (meaning === "engine_running") engineRunning = true;
  console.log(line);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  stopped = true;
  if (!announced) console.error("Assetronics stopped before it was ready.");
  process.exit(code ?? 0);
});

const serving = await waitUntilServing(probeUrl(env), {
  isStopped: () => stopped,
  login: readinessLogin(env),
  onLoginRefused: () =>
    console.log(
      "  … the demo admin could not sign in (password changed?): checking the sign-in page instead",
    ),
});
const waitingSince = Date.now();
let nudged = false;
while (serving && !engineRunning && !stopped) {
  if (!nudged && Date.now() - waitingSince > 30_000) {
    console.log("  … the app serves pages; still waiting for the automation engine (see the log above)");
    nudged = true;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
if (serving && !stopped) {
  announced = true;
  console.log(
    `\nAssetronics is ready on ${env.APP_URL} (started in ${seconds(started)}), listening on ${env.HOST ?? "all interfaces"}.`,
  );
}
