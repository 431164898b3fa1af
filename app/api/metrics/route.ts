import { timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { renderPrometheus } from "@/server/telemetry";

export const dynamic = "force-dynamic";

const headers = { "cache-control": "no-store" };

function authorized(request: Request, token: string): boolean {
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus scrape endpoint. With METRICS_TOKEN set, scrapers must send it as a bearer token;
 * without one it is open only in development (`next dev`), and answers 404 everywhere else.
 */
export async function GET(request: Request): Promise<Response> {
  if (!env.METRICS_TOKEN && env.NODE_ENV !== "development") {
    return Response.json(
      {
        error:
          "Metrics are off: set METRICS_TOKEN (16+ characters) and have your scraper send it as a bearer token.",
      },
      { status: 404, headers },
    );
  }
  if (env.METRICS_TOKEN && !authorized(request, env.METRICS_TOKEN)) {
    return Response.json({ error: "Send the METRICS_TOKEN as a bearer token." }, { status: 401, headers });
  }
  return new Response(await renderPrometheus(), {
    headers: { ...headers, "content-type": "text/plain; version=0.0.4; charset=utf-8" },
  });
}
