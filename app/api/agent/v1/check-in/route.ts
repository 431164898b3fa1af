import { deviceCredential } from "@/server/agent/credentials";
import { answering, readAgentJson } from "@/server/agent/http";
import { CheckIn } from "@/server/agent/payload";
import { receiveCheckIn } from "@/server/agent/services/receive-check-in";
import { clientIp } from "@/server/auth/client-ip";
import { jsonResponse } from "@/server/http";
import { tokenRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * A device reports its facts and software: 2 MB at most (gzip accepted, measured inflated too),
 * checked against the check-in schema (422 naming each problem), one check-in per 30 s per device
 * (bursts of 3; 429 with Retry-After). Unchanged facts are answered from the credential's lookup
 * alone, their last seen written behind (services/receive-check-in.ts, presence.ts), with no event.
 */
export const POST = tokenRoute(deviceCredential, {}, async ({ request, requestId, caller }) =>
  answering(async () => {
    const payload = await readAgentJson(request, CheckIn);
    const ip = clientIp(request.headers);
    const result = await receiveCheckIn(caller, payload, { ip: ip === "unknown" ? null : ip, requestId });
    return jsonResponse({ status: "ok", ...result });
  }),
);
