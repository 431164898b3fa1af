#!/usr/bin/env node
// Serves the production build for Playwright with a fresh database: a new PostgreSQL database
// when DATABASE_URL is set, else a fresh PGlite data dir.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const port = process.argv[2] ?? "3100";
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  // Shutdown as in production (scripts/start.mjs): the app's handler waits for steps in flight.
  NEXT_MANUAL_SIG_HANDLE: "true",
  AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
  APP_URL: `http://localhost:${port}`,
  SEED_DEMO: "true",
  HOST: "127.0.0.1",
  // The demo's platform operator gets a generated password at first start; the suite signs in as
  // it (e2e/support.ts), so it names the operator with a password of its own choosing instead.
  SUPER_ADMIN_EMAIL: "super@assetronics.test",
  SUPER_ADMIN_PASSWORD: "assetronics-demo",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // Every spec that needs an organization of its own signs one up from this one address.
  SIGN_UPS_PER_ADDRESS_PER_HOUR: "100",
  // The integrations e2e points BambooHR at the fake provider on 127.0.0.1 (tests/fakes/hris).
  INTEGRATIONS_ALLOW_PRIVATE_HOSTS: "true",
};

if (process.env.DATABASE_URL) {
  const name = "assetronics_e2e";
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
} else {
  env.DATA_DIR = path.resolve(".data-e2e");
  rmSync(env.DATA_DIR, { recursive: true, force: true });
}

// Keep idle connections open past a client's or load balancer's own idle timeout (Node's default
// is 5 s): a client reusing a socket the server is closing at that instant gets ECONNRESET.
const server = spawn(
  path.join("node_modules", ".bin", "next"),
  ["start", "-p", port, "-H", env.HOST, "--keepAliveTimeout", "65000"],
  {
    stdio: "inherit",
    env,
  },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
