#!/usr/bin/env node
// The test command: everything CI runs, in order, stopping at the first failure.
//   lint + format (Biome) -> types (tsc) -> agent (go test) -> unit and integration (Vitest) -> build
//   -> agent binary -> e2e (Playwright)
// It provides what it needs: Debian's Chromium, Go and ocsinventory-agent when missing (as root), and this machine's
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
const commandWorks = (command, args) => spawnSync(command, args, { stdio: "ignore" }).status === 0;
// Debian packages the tests use, installed in one apt run when missing: Chromium for the e2e, Go
// for the endpoint agent (agent/, standard library only), and the stock OCS Inventory agent the
// e2e points at the app (configured for a server, not its "local" default: debconf preseeded).
const missing = [
  !existsSync(chromium) && "chromium",
  !commandWorks("go", ["version"]) && "golang-go",
  !existsSync("/usr/bin/ocsinventory-agent") && "ocsinventory-agent",
].filter(Boolean);
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(
      `Missing Debian packages: ${missing.join(", ")}. Install them (apt-get install -y ${missing.join(" ")}), or set CHROMIUM_PATH for Chromium.`,
    );
    process.exit(1);
  }
  run(`install ${missing.join(", ")} (Debian packages)`, "sh", [
    "-c",
    [
      "printf 'ocsinventory-agent ocsinventory-agent/method select http\\nocsinventory-agent ocsinventory-agent/server string http://localhost/ocsinventory\\n' | debconf-set-selections",
      "apt-get update -qq",
      `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`,
    ].join(" && "),
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
run("agent tests (go test)", "sh", ["-c", "cd agent && go test ./..."]);
run("unit and integration tests (Vitest)", bin("vitest"), ["run"]);
run("production build (next build)", bin("next"), ["build"]);
// The e2e enrolls the agent binary the app serves against the running app.
run("agent binary for this machine (Go cross-build)", "node", [
  "scripts/agent-build.mjs",
  "--only",
  `linux-${process.arch === "arm64" ? "arm64" : "amd64"}`,
]);
run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]);
console.log("\nAll tests passed.");
