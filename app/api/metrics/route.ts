import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { sameToken, type TokenVerifier, tokenRoute } from "@/server/route";
import { renderPrometheus } from "@/server/telemetry";

export const dynamic = "force-dynamic";

/**
 * With METRICS_TOKEN set, scrapers must send it as a bearer token; without one the endpoint is
 * open only in development (`next dev`), and answers 404 everywhere else, saying how to open it.
 */
const metricsToken: TokenVerifier<"scraper"> = {
  name: "the METRICS_TOKEN",
  verify(token) {
    if (!env.METRICS_TOKEN) {
      if (env.NODE_ENV === "development") return "scraper";
      throw new AppError(
        "NOT_FOUND",
        "Metrics are off: set METRICS_TOKEN (16+ characters) and have your scraper send it as a bearer token.",
      );
    }
    return token !== null && sameToken(token, env.METRICS_TOKEN) ? "scraper" : null;
  },
};

/** Prometheus scrape endpoint. */
export const GET = tokenRoute(
  metricsToken,
  {},
  async () =>
    new Response(await renderPrometheus(), {
      headers: { "cache-control": "no-store", "content-type": "text/plain; version=0.0.4; charset=utf-8" },
    }),
);
