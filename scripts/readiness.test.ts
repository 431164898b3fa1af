import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoLogins } from "@/db/seed";
import { demoPlan } from "@/server/first-start";
import { homePathFor } from "@/server/roles";
import {
  awaitsEngineLine,
  classifyServerLine,
  probeUrl,
  readinessLogin,
  waitUntilServing,
} from "./readiness.mjs";

describe("npm start says ready", () => {
  it("not at Next.js's own 'Ready', and knows the engine's line", () => {
    expect(classifyServerLine(" ✓ Ready in 1234ms")).toBe("next_ready");
    expect(
      classifyServerLine('{"level":"info","time":"2026-12-05T10:00:00Z","msg":"automation engine running"}'),
    ).toBe("engine_running");
    expect(classifyServerLine('{"level":"info","msg":"database ready"}')).toBeNull();
  });

  it("waits for the engine only when automation runs in the app and its line is logged", () => {
    expect(awaitsEngineLine({})).toBe(true);
    expect(awaitsEngineLine({ LOG_LEVEL: "warn" })).toBe(false);
    expect(awaitsEngineLine({ INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "s" })).toBe(false);
    expect(awaitsEngineLine({ INNGEST_DEV: "1" })).toBe(false);
  });

  it("probes the interface the server listens on", () => {
    expect(probeUrl({ PORT: "3000", HOST: "127.0.0.1" })).toBe("http://127.0.0.1:3000");
    expect(probeUrl({ PORT: "3000" })).toBe("http://127.0.0.1:3000");
    expect(probeUrl({ PORT: "8080", HOST: "::1" })).toBe("http://[::1]:8080");
  });

  it("signs in as the demo's admin exactly when the demo is seeded", () => {
    const admin = demoLogins.find((login) => login.role === "admin");
    const cases = [
      { HOST: "127.0.0.1" },
      { HOST: "0.0.0.0" },
      { HOST: "localhost", SEED_DEMO: "false" },
      { DATABASE_URL: "postgres://db/app" },
      { DATABASE_URL: "postgres://db/app", SEED_DEMO: "true" },
    ];
    for (const env of cases) {
      const plan = demoPlan({
        databaseUrl: env.DATABASE_URL,
        host: env.HOST,
        seedDemo: env.SEED_DEMO === undefined ? undefined : env.SEED_DEMO === "true",
      });
      expect(readinessLogin(env), JSON.stringify(env)).toEqual(
        plan.tenant ? { email: admin?.email, password: DEMO_PASSWORD, page: homePathFor("admin") } : null,
      );
    }
  });

  // A stand-in for the app: its health check fails until the database is ready, the credentials
  // route refuses any password but `password`, and the dashboard needs the session cookie it sets.
  const requests: string[] = [];
  let databaseReady = false;
  let password = "assetronics-demo";
  let dashboardFails = false;
  const server = createServer((request, response) => {
    const url = request.url ?? "";
    requests.push(url);
    const cookie = request.headers.cookie ?? "";
    if (url === "/api/health") {
      response.writeHead(databaseReady ? 200 : 503, { "content-type": "application/json" });
      response.end(JSON.stringify({ database: { status: databaseReady ? "ok" : "error" } }));
    } else if (url === "/api/auth/csrf") {
      response.writeHead(200, {
        "content-type": "application/json",
        "set-cookie": "authjs.csrf-token=c1; Path=/",
      });
      response.end(JSON.stringify({ csrfToken: "c1" }));
    } else if (url === "/api/auth/callback/credentials") {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const form = new URLSearchParams(body);
        const accepted =
          cookie.includes("authjs.csrf-token=c1") &&
          form.get("csrfToken") === "c1" &&
          form.get("email") === "admin@acme.test" &&
          form.get("password") === password;
        response.writeHead(
          302,
          accepted
            ? {
                location: form.get("callbackUrl") ?? "/",
                "set-cookie": "authjs.session-token=s1; Path=/; HttpOnly",
              }
            : { location: "/sign-in?error=CredentialsSignin&code=invalid_credentials" },
        );
        response.end();
      });
    } else if (url === "/dashboard") {
      const status = dashboardFails ? 500 : cookie.includes("authjs.session-token=s1") ? 200 : 307;
      response.writeHead(status, { location: "/sign-in" });
      response.end();
    } else {
      response.writeHead(url === "/sign-in" ? 200 : 404);
      response.end();
    }
  });
  let base = "";
  beforeEach(async () => {
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    requests.length = 0;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("waits while the database is being prepared, then checks a signed-in page renders", async () => {
    databaseReady = false;
    setTimeout(() => {
      databaseReady = true;
    }, 300);
    const login = readinessLogin({ HOST: "127.0.0.1" });
    const ready = await waitUntilServing(base, { isStopped: () => false, every: 50, login });
    expect(ready).toBe(true);
    expect(requests.filter((url) => url === "/api/health").length).toBeGreaterThan(1);
    expect(requests.slice(-3)).toEqual(["/api/auth/csrf", "/api/auth/callback/credentials", "/dashboard"]);
  });

  it("is not ready while the sign-in page renders but a signed-in page fails", async () => {
    databaseReady = true;
    dashboardFails = true;
    const login = readinessLogin({ HOST: "127.0.0.1" });
    const isStopped = () => requests.filter((url) => url === "/dashboard").length >= 3;
    expect(await waitUntilServing(base, { isStopped, every: 20, login })).toBe(false);
    dashboardFails = false;
    expect(await waitUntilServing(base, { isStopped: () => false, every: 20, login })).toBe(true);
  });

  it("checks the sign-in page when the demo's admin cannot sign in, trying the login once", async () => {
    databaseReady = true;
    password = "changed by the admin";
    let told = 0;
    const login = readinessLogin({ HOST: "127.0.0.1" });
    const ready = await waitUntilServing(base, {
      isStopped: () => false,
      every: 50,
      login,
      onLoginRefused: () => told++,
    });
    expect(ready).toBe(true);
    expect(told).toBe(1);
    expect(requests.filter((url) => url === "/api/auth/callback/credentials")).toHaveLength(1);
    expect(requests).not.toContain("/dashboard");
    expect(requests.at(-1)).toBe("/sign-in");
  });

  it("checks the sign-in page when no login is known", async () => {
    databaseReady = true;
    expect(await waitUntilServing(base, { isStopped: () => false, every: 50, login: null })).toBe(true);
    expect(requests).toEqual(["/api/health", "/sign-in"]);
  });

  it("gives up when the server stopped", async () => {
    expect(await waitUntilServing("http://127.0.0.1:9", { isStopped: () => true })).toBe(false);
  });
});
