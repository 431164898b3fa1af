// When `npm start` may say "ready": the app serves pages, its database is migrated and seeded (the
// health check answers only once first-start work is done: server/db.ts runs it before handing the
// database to anyone), and, with embedded automation, the engine has reached the app.

/** The engine's log line once it has reached the app's serve endpoint (inngest/engine/engine.ts). */
const ENGINE_RUNNING = '"msg":"automation engine running"';
/** Next.js's own "✓ Ready in 1.2s": it comes while the database is still being prepared. */
const NEXT_READY = /^\s*✓ Ready in /;

/**
 * What a line of the server's output means to `npm start`.
 * @param {string} line
 * @returns {"engine_running" | "next_ready" | null}
 */
export function classifyServerLine(line) {
  if (line.includes(ENGINE_RUNNING)) return "engine_running";
  if (NEXT_READY.test(line)) return "next_ready";
  return null;
}

/**
 * Whether to wait for the engine's line: automation runs in this process (embedded, not on
 * Inngest: server/env.ts) and the log shows info lines (LOG_LEVEL, server/logger.ts).
 * @param {Record<string, string | undefined>} env
 */
export const awaitsEngineLine = (env) =>
  !((env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) || env.INNGEST_DEV) &&
  ["debug", "info", undefined, ""].includes(env.LOG_LEVEL);

/**
 * Where to probe the server from this machine: the interface it listens on (127.0.0.1 when it
 * listens on all), not APP_URL, which may name a proxy in front or "localhost" resolving to ::1.
 * @param {Record<string, string | undefined> & { PORT: string }} env
 */
export function probeUrl(env) {
  const host = !env.HOST || env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${env.PORT}`;
}

const LOOPBACK = /^(localhost|::1|\[::1\]|127(\.\d{1,3}){3})$/i;

/**
 * Who `npm start` signs in as to check a signed-in page renders: the demo's admin (db/seed.ts), when
 * the demo tenant is seeded (server/first-start.ts's demoPlan: the embedded database on localhost,
 * or SEED_DEMO=true); null otherwise, when no login is known and the sign-in page is all it checks.
 * @param {Record<string, string | undefined>} env
 * @returns {{ email: string; password: string; page: string } | null}
 */
export function readinessLogin(env) {
  const localDemo = !env.DATABASE_URL && env.HOST !== undefined && LOOPBACK.test(env.HOST);
  const demo = env.SEED_DEMO === undefined ? localDemo : env.SEED_DEMO === "true";
  return demo ? { email: "admin@acme.test", password: "assetronics-demo", page: "/dashboard" } : null;
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {RequestInit} [init] */
const request = (url, init) =>
  fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000), ...init });

async function answers(url, check) {
  try {
    return await check(await request(url));
  } catch {
    return false;
  }
}

/** The `name=value` parts of a response's cookies, as a Cookie header sends them back. */
const cookiesOf = (response) => response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");

/**
 * Signs in through the credentials route (as the sign-in form does) and asks for the login's page
 * with the session cookie. "refused": the app answered that this login cannot sign in (its password
 * was changed, it was deactivated): no signed-in page can be checked with it.
 * @param {string} baseUrl
 * @param {{ email: string; password: string; page: string }} login
 * @returns {Promise<"rendered" | "refused" | "not_yet">}
 */
async function signedInPage(baseUrl, login) {
  try {
    const csrf = await request(new URL("/api/auth/csrf", baseUrl));
    if (csrf.status !== 200) return "not_yet";
    const { csrfToken } = await csrf.json();
    const signIn = await request(new URL("/api/auth/callback/credentials", baseUrl), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookiesOf(csrf).join("; "),
        origin: baseUrl,
      },
      body: new URLSearchParams({
        email: login.email,
        password: login.password,
        csrfToken,
        callbackUrl: login.page,
      }),
    });
    const session = cookiesOf(signIn).filter((cookie) => cookie.includes("session-token="));
    if (session.length === 0) {
      // Auth.js sends a refused login back to the sign-in page with error=CredentialsSignin.
      const location = signIn.headers.get("location") ?? "";
      return location.includes("error=CredentialsSignin") ? "refused" : "not_yet";
    }
    const page = await request(new URL(login.page, baseUrl), { headers: { cookie: session.join("; ") } });
    return page.status === 200 ? "rendered" : "not_yet";
  } catch {
    return "not_yet";
  }
}

/**
 * Polls until the health check reports the database (migrated, seeded) and a signed-in page renders
 * for `login` (see readinessLogin). Without a login, or once the app refused it, the sign-in page
 * rendering is what it waits for (`onLoginRefused` is told, once).
 * @param {string} baseUrl
 * @param {{ isStopped: () => boolean; every?: number; login?: { email: string; password: string; page: string } | null; onLoginRefused?: () => void }} options
 */
export async function waitUntilServing(baseUrl, options) {
  const every = options.every ?? 500;
  let login = options.login ?? null;
  while (!options.isStopped()) {
    const healthy = await answers(new URL("/api/health", baseUrl), async (response) => {
      if (response.status !== 200) return false;
      const body = await response.json();
      return body?.database?.status === "ok";
    });
    if (healthy && login) {
      const outcome = await signedInPage(baseUrl, login);
      if (outcome === "rendered") return true;
      // Tried once: trying again would only add failed attempts to the account's sign-in throttle.
      if (outcome === "refused") {
        login = null;
        options.onLoginRefused?.();
      }
    }
    if (
      healthy &&
      !login &&
      (await answers(new URL("/sign-in", baseUrl), (response) => response.status === 200))
    )
      return true;
    await pause(every);
  }
  return false;
}
