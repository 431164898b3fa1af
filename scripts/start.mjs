#!/usr/bin/env node
// The run command: builds the app and serves it on http://localhost:3000 with everything embedded
// (PGlite under DATA_DIR, demo data seeded on first start). Set DATABASE_URL to use PostgreSQL.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
env.DATA_DIR ??= "./.data";
env.PORT ??= "3000";
env.APP_URL ??= `http://localhost:${env.PORT}`;
mkdirSync(env.DATA_DIR, { recursive: true });

// Embedded default for the session-signing secret: generated once and kept in the data dir.
if (!env.AUTH_SECRET) {
  const file = path.join(env.DATA_DIR, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

const bin = (name) => path.join("node_modules", ".bin", name);
if (!process.argv.includes("--no-build")) {
  const build = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log(
  `\nAssetronics on ${env.APP_URL} (data: ${env.DATABASE_URL ? "PostgreSQL" : path.resolve(env.DATA_DIR, "pglite")})`,
);
// Keep idle connections open past a client's or load balancer's own idle timeout (Node's default
// is 5 s): a client reusing a socket the server is closing at that instant gets ECONNRESET.
const server = spawn(bin("next"), ["start", "-p", env.PORT, "--keepAliveTimeout", "65000"], {
  stdio: "inherit",
  env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
