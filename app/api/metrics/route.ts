import { timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";
import { renderPrometheus } from "@/server/telemetry";

export const dynamic = "force-dynamic";

function authorized(request: Request): boolean {
  if (!env.METRICS_TOKEN) return true;
  const given = Buffer.from(request.headers.get("authorization") ?? "");
  const expected = Buffer.from(`Bearer ${env.METRICS_TOKEN}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Prometheus scrape endpoint. With METRICS_TOKEN set, scrapers must send it as a bearer token. */
export async function GET(request: Request): Promise<Response> {
  if (!authorized(request)) {
    return Response.json({ error: "Send the METRICS_TOKEN as a bearer token." }, { status: 401 });
  }
  return new Response(await renderPrometheus(), {
    headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
  });
}
