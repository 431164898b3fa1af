import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db";

/**
 * What an anonymous caller learns from the two unauthenticated endpoints: /api/health says the
 * database is unavailable without its error (the detail goes to the log), and /api/metrics is
 * closed outside development until METRICS_TOKEN is set.
 */
const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.restoreAllMocks();
  vi.resetModules();
});

describe("/api/health", () => {
  it("answers 503 'database unavailable' and keeps the driver's error for the log", async () => {
    process.env.LOG_LEVEL = "error";
    const logged: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const { useDatabase } = await import("@/server/db");
    // Nothing listens on port 1: every query fails with ECONNREFUSED and the address.
    const unreachable = await openDatabase({
      databaseUrl: "postgres://probe@127.0.0.1:1/nowhere",
      dataDir: "",
    });
    useDatabase(unreachable);
    const { GET } = await import("@/app/api/health/route");

    const response = await GET(new Request("http://localhost:3000/api/health"));
    const text = await response.text();
    await unreachable.close();

    expect(response.status).toBe(503);
    expect(JSON.parse(text).database).toEqual({ status: "error", error: "database unavailable" });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nowhere/);
    expect(logged.join("")).toMatch(/health check failed.*ECONNREFUSED/);
  });
});

describe("/api/metrics", () => {
  const scrape = async (env: Record<string, string | undefined>, authorization?: string) => {
    process.env = { ...original, ...env };
    vi.resetModules();
    const { GET } = await import("@/app/api/metrics/route");
    return GET(
      new Request("http://localhost:3000/api/metrics", {
        headers: authorization ? { authorization } : {},
      }),
    );
  };
  const token = "metrics-token-0123456789";

  it("is closed in production without METRICS_TOKEN, saying how to open it", async () => {
    const response = await scrape({ NODE_ENV: "production", METRICS_TOKEN: undefined });
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).toContain("set METRICS_TOKEN");
  });

  it("answers a scraper with the token, and refuses one without it", async () => {
    const refused = await scrape({ NODE_ENV: "production", METRICS_TOKEN: token });
    expect(refused.status).toBe(401);
    const allowed = await scrape({ NODE_ENV: "production", METRICS_TOKEN: token }, `Bearer ${token}`);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("content-type")).toContain("text/plain");
  });

  it("stays open without a token in development", async () => {
    const response = await scrape({ NODE_ENV: "development", METRICS_TOKEN: undefined });
    expect(response.status).toBe(200);
  });
});
