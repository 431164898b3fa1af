// What `npm start` (scripts/start.mjs) serves with: its environment defaults, the data dir and the
// `next start` arguments. Apart so a test can check them without building or serving anything.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** @param {Record<string, string | undefined>} processEnv */
export function startEnvironment(processEnv) {
  const env = { ...processEnv, NEXT_TELEMETRY_DISABLED: "1" };
  env.DATA_DIR ||= "./.data";
  env.PORT ||= "3000";
  env.APP_URL ||= `http://localhost:${env.PORT}`;
  // The embedded database comes with the demo logins and their published password: serve it on
  // localhost only unless HOST says otherwise. The app reads HOST too (server/first-start.ts).
  if (!env.DATABASE_URL) env.HOST ||= "127.0.0.1";
  // The localhost demo may point an integration at a fake provider on this machine
  // (tests/fakes/hris/serve.ts); anything else refuses private hosts unless told.
  if (!env.DATABASE_URL && env.HOST === "127.0.0.1") env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS ||= "true";
  return env;
}

/**
 * The data dir (PGlite, the generated auth secret) is the owner's alone, like the secret itself.
 * @param {Record<string, string | undefined> & { DATA_DIR: string }} env
 */
export function prepareDataDir(env) {
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o700 });
  chmodSync(env.DATA_DIR, 0o700);
  // Embedded default for the session-signing secret: generated once and kept in the data dir.
  if (!env.AUTH_SECRET) {
    const file = path.join(env.DATA_DIR, "auth-secret");
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  }
}

/** @param {Record<string, string | undefined> & { PORT: string }} env */
export function nextStartArgs(env) {
  // Keep idle connections open past a client's or load balancer's own idle timeout (Node's default
  // is 5 s): a client reusing a socket the server is closing at that instant gets ECONNRESET.
  return ["start", "-p", env.PORT, ...(env.HOST ? ["-H", env.HOST] : []), "--keepAliveTimeout", "65000"];
}
