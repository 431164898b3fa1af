#!/usr/bin/env node
// The run command: builds the app and serves it with everything embedded (PGlite under DATA_DIR,
// the demo seeded on first start) on http://localhost:3000, listening on 127.0.0.1 only unless
// HOST says otherwise. Set DATABASE_URL to use PostgreSQL (then it listens on all interfaces).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { nextStartArgs, prepareDataDir, startEnvironment } from "./start-options.mjs";

const env = startEnvironment(process.env);
prepareDataDir(env);

const bin = (name) => path.join("node_modules", ".bin", name);
if (!process.argv.includes("--no-build")) {
  const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log(
  `\nAssetronics on ${env.APP_URL}, listening on ${env.HOST ?? "all interfaces"} (data: ${env.DATABASE_URL ? "PostgreSQL" : path.resolve(env.DATA_DIR, "pglite")})`,
);
const server = spawn(bin("next"), nextStartArgs(env), { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
