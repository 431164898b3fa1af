#!/usr/bin/env node
// The test command: everything CI runs, stopping at the first failure.
//   at once: lint + format (Biome) -> types (tsc)
//            [Debian packages] -> agent (go test) -> agent binary
//   then:    unit and integration (Vitest) -> build (next build) -> e2e (Playwright)
// The first group runs side by side: tsc keeps one core busy, and the other has the apt install
// (mostly network and disk), Biome and the agent's Go build and tests, none of which read what
// another writes. Vitest, the build and Playwright each want both cores, so they run alone.
// It provides what it needs: Debian's Chromium, Go and ocsinventory-agent when missing (as root), and this machine's
// PostgreSQL when DATABASE_URL is unset and one answers on 127.0.0.1:5432.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "1" };
const bin = (name) => path.join("node_modules", ".bin", name);
const suiteStarted = Date.now();
const since = (started) => `${((Date.now() - started) / 1000).toFixed(1)}s`;

/** Children still running, each the leader of its own process group, so a failure stops them and theirs. */
const running = new Set();

function stopAll() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/**
 * Runs one stage. `alone` stages print as they go; the others run beside a sibling, so their output
 * is kept and printed in one block when they end, never interleaved. A failure stops every other
 * stage still running and exits with the stage's status.
 */
function run(label, command, args, { extraEnv = {}, alone = true } = {}) {
  const started = Date.now();
  if (alone) console.log(`\n━━ ${label} ━━`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"],
      env: { ...env, ...extraEnv },
      detached: true,
    });
    running.add(child);
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    let finished = false;
    const finish = (status, error) => {
      if (finished) return;
      finished = true;
      running.delete(child);
      if (!alone) {
        console.log(`\n━━ ${label} ━━`);
        if (output.length > 0) process.stdout.write(Buffer.concat(output));
      }
      if (status !== 0) {
        if (error) console.error(error.message);
        console.error(`\n✘ ${label} failed after ${since(started)}`);
        stopAll();
        process.exit(status ?? 1);
      }
      console.log(`✔ ${label} (${since(started)})`);
      resolve();
    };
    child.once("error", (error) => finish(1, error));
    child.once("close", (code, signal) => finish(signal ? 1 : code));
  });
}

const portOpen = (port, host = "127.0.0.1") =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => resolve(socket.end() && true));
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => resolve(socket.destroy() && false));
  });

const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const commandWorks = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
// Debian packages the tests use, installed in one apt run when missing: Chromium for the e2e, Go
// for the endpoint agent (agent/, standard library only), and the stock OCS Inventory agent the
// e2e points at the app (configured for a server, not its "local" default: debconf preseeded).
const missing = [
  !existsSync(chromium) && "chromium",
  !commandWorks("go", ["version"]) && "golang-go",
  !existsSync("/usr/bin/ocsinventory-agent") && "ocsinventory-agent",
].filter(Boolean);
if (missing.length > 0 && process.getuid?.() !== 0) {
  console.error(
    `Missing Debian packages: ${missing.join(", ")}. Install them (apt-get install -y ${missing.join(" ")}), or set CHROMIUM_PATH for Chromium.`,
  );
  process.exit(1);
}

if (!env.DATABASE_URL && (await portOpen(5432))) {
  env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
}
console.log(
  `Database for tests: ${env.DATABASE_URL ? env.DATABASE_URL.replace(/\/\/[^@]*@/, "//***@") : "embedded PGlite"}`,
);

const checks = async () => {
  await run("lint and format (Biome)", bin("biome"), ["ci", "."], { alone: false });
  await run("type check (tsc)", bin("tsc"), ["--noEmit", "-p", "."], { alone: false });
};
const agent = async () => {
  if (missing.length > 0) {
    await run(
      `install ${missing.join(", ")} (Debian packages)`,
      "sh",
      [
        "-c",
        [
          "printf 'ocsinventory-agent ocsinventory-agent/method select http\\nocsinventory-agent ocsinventory-agent/server string http://localhost/ocsinventory\\n' | debconf-set-selections",
          "apt-get update -qq",
          `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`,
        ].join(" && "),
      ],
      { alone: false },
    );
  }
  await run("agent tests (go test)", "sh", ["-c", "cd agent && go test ./..."], { alone: false });
  // The e2e enrolls the agent binary the app serves against the running app.
  await run(
    "agent binary for this machine (Go cross-build)",
    "node",
    ["scripts/agent-build.mjs", "--only", `linux-${process.arch === "arm64" ? "arm64" : "amd64"}`],
    { alone: false },
  );
};
await Promise.all([checks(), agent()]);

await run("unit and integration tests (Vitest)", bin("vitest"), ["run"]);
// tsc passed above, so the build need not check the same types again.
await run("production build (next build)", bin("next"), ["build"], { extraEnv: { TYPES_CHECKED: "1" } });
await run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
console.log(`\nAll tests passed in ${since(suiteStarted)}.`);
