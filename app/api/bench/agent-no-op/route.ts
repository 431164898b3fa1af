import { deviceCredential } from "@/server/agent/credentials";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { jsonResponse } from "@/server/http";
import { tokenRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * The baseline of bench/agent.bench.ts: what a check-in costs before its own work. The same rung
 * as POST /api/agent/v1/check-in (the device credential looked up, with the hashes and the
 * bucket a check-in is decided by, the request id, the error mapping), the same body read, then
 * nothing. It exists only on a server started with
 * BENCH_ROUTES=true; anywhere else a device that calls it gets a 404.
 */
export const POST = tokenRoute(deviceCredential, {}, async ({ request }) => {
  if (!env.BENCH_ROUTES) throw new AppError("NOT_FOUND", "There is no such route.");
  await request.arrayBuffer();
  return jsonResponse({ status: "ok" });
});
