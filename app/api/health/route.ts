import { sql } from "kysely";
import { database } from "@/server/db";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";
const startedAt = Date.now();

/**
 * Liveness and readiness: 200 when the database answers, 503 otherwise. Anyone may call it, so a
 * failure says only "database unavailable"; the driver's error (hosts, ports, names) goes to the log.
 */
export async function GET(): Promise<Response> {
  const app = { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  try {
    const handle = await database();
    const started = performance.now();
    await sql`select 1`.execute(handle.db);
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    return Response.json(
      { status: "ok", app, database: { status: "ok", driver: handle.driver, latencyMs } },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    logger.error("health check failed: the database did not answer", { error });
    return Response.json(
      { status: "degraded", app, database: { status: "error", error: "database unavailable" } },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
