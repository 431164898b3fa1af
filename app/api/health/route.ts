import { sql } from "kysely";
import { database } from "@/server/db";
import { jsonResponse } from "@/server/http";
import { logger } from "@/server/logger";
import { publicRoute } from "@/server/route";

export const dynamic = "force-dynamic";
const startedAt = Date.now();

/**
 * Liveness and readiness: 200 when the database answers, 503 otherwise. Anyone may call it, so a
 * failure says only "database unavailable"; the driver's error (hosts, ports, names) goes to the log.
 */
export const GET = publicRoute(
  "load balancers and orchestrators probe it without credentials; it says only whether the database answers",
  {},
  async () => {
    const app = { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
    try {
      const handle = await database();
      const started = performance.now();
      await sql`select 1`.execute(handle.db);
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      return jsonResponse({
        status: "ok",
        app,
        database: { status: "ok", driver: handle.driver, latencyMs },
      });
    } catch (error) {
      logger.error("health check failed: the database did not answer", { error });
      return jsonResponse(
        { status: "degraded", app, database: { status: "error", error: "database unavailable" } },
        503,
      );
    }
  },
);
