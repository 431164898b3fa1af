import { deviceCredential } from "@/server/agent/credentials";
import { answering, readAgentJson, takeCheckInSlot } from "@/server/agent/http";
import { agentActor } from "@/server/agent/link";
import { CheckIn } from "@/server/agent/payload";
import { checkIn } from "@/server/agent/services/check-in";
import { clientIp } from "@/server/auth/client-ip";
import { getDb, withTenant } from "@/server/db";
import { jsonResponse } from "@/server/http";
import { tokenRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * A device reports its facts and software: 2 MB at most (gzip accepted, measured inflated too),
 * checked against the check-in schema (422 naming each problem), one check-in per 30 s per device
 * (bursts of 3; 429 with Retry-After). Unchanged facts cost one statement and no event.
 */
export const POST = tokenRoute(deviceCredential, {}, async ({ request, requestId, caller }) =>
  answering(async () => {
    const payload = await readAgentJson(request, CheckIn);
    const ip = clientIp(request.headers);
    const result = await withTenant(await getDb(), caller.tenantId, async (trx) => {
      await takeCheckInSlot(trx, caller.tenantId, caller.deviceId);
      const scope = {
        db: trx,
        tenantId: caller.tenantId,
        actor: agentActor(caller.deviceId, payload.hostname),
        requestId,
        cause: null,
      };
      return checkIn(scope, caller.deviceId, payload, { ip: ip === "unknown" ? null : ip });
    });
    return jsonResponse({ status: "ok", ...result });
  }),
);
