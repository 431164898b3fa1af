import { deviceCredential } from "@/server/agent/credentials";
import { agentActor } from "@/server/agent/link";
import { rotateDeviceCredential } from "@/server/agent/services/rotate-device-credential";
import { getDb, withTenant } from "@/server/db";
import { jsonResponse } from "@/server/http";
import { tokenRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** A device swaps its credential for a new one; the old one stops working when this answers. */
export const POST = tokenRoute(deviceCredential, {}, async ({ requestId, caller }) => {
  const rotated = await withTenant(await getDb(), caller.tenantId, (trx) =>
    rotateDeviceCredential(
      {
        db: trx,
        tenantId: caller.tenantId,
        actor: agentActor(caller.deviceId, "device"),
        requestId,
        cause: null,
      },
      caller.deviceId,
      "device",
    ),
  );
  return jsonResponse({ credential: rotated.credential });
});
