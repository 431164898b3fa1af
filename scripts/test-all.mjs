#!/usr/bin/env node
// The test command: everything CI runs, in order, stopping at the first failure.
//   lint + format (Biome) -> types (tsc) -> unit and integration (Vitest) -> build -> e2e (Playwright)
// It provides what it needs: Debian's Chromium when missing (as root), and this machine's
// PostgreSQL when DATABASE_URL is unset and one answers on 127.0.0.1:5432.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CI: process.env.CI ?? "1" };
const bin = (name) => path.join("node_modules", ".bin", name);

function run(label, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n━━ ${label} ━━`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✘ ${label} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds}s)`);
}

const portOpen = (port, host = "127.0.0.1") =>
  new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => resolve(socket.end() && true));
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => resolve(socket.destroy() && false));
  });

const chromium = env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Chromium not found at ${chromium}. Install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
  run("install Chromium (Debian package)", "sh", [
    "-c",
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null",
  ]);
}

if (!env.DATABASE_URL && (await portOpen(5432))) {
  env.DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres";
}
console.log(
  `Database for tests: ${env.DATABASE_URL ? env.DATABASE_URL.replace(/\/\/[^@]*@/, "//***@") : "embedded PGlite"}`,
);

run("lint and format (Biome)", bin("biome"), ["ci", "."]);
run("type check (tsc)", bin("tsc"), ["--noEmit", "-p", "."]);
run("unit and integration tests (Vitest)", bin("vitest"), ["run"]);
run("production build (next build)", bin("next"), ["build"]);
run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
console.log("\nAll tests passed.");
