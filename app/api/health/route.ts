import { sql } from "kysely";
import { database } from "@/server/db";

export const dynamic = "force-dynamic";
const startedAt = Date.now();

/** Liveness and readiness: 200 when the database answers, 503 otherwise. */
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
    return Response.json(
      {
        status: "degraded",
        app,
        database: { status: "error", error: error instanceof Error ? error.message : "unreachable" },
      },
      { status: 503, headers: { "cache-control": "no-store" } },
    );
  }
}
