import { promisify } from "node:util";
import { deflateSync, inflate } from "node:zlib";
import { AgentHttpError } from "@/server/agent/http";
import { CheckIn } from "@/server/agent/payload";
import { CHECK_IN_INTERVAL_SECONDS } from "@/server/agent/services/check-in";
import { clientIp } from "@/server/auth/client-ip";
import { getDb, withTenant } from "@/server/db";
import { ocsEnrollmentToken } from "@/server/ocs/enrollment-token";
import { checkInFromOcs, OcsProtocolError, ocsReply, parseOcsRequest } from "@/server/ocs/inventory";
import { receiveOcsInventory } from "@/server/ocs/services/receive-ocs-inventory";
import { tokenRoute } from "@/server/route";

export const dynamic = "force-dynamic";

const inflateAsync = promisify(inflate);

/** Compressed, as sent; an inventory of 20,000 packages is about 1 MB compressed and 8 MB inflated. */
const LIMITS = { compressedBytes: 2 * 1024 * 1024, inflatedBytes: 16 * 1024 * 1024 } as const;

/** How often, in hours, a stock agent is asked to send its inventory (PROLOG_FREQ). */
const PROLOG_FREQ_HOURS = Math.max(1, Math.ceil(CHECK_IN_INTERVAL_SECONDS / 3600));

const reply = (xml: string, status = 200) =>
  new Response(deflateSync(xml), {
    status,
    headers: { "content-type": "application/x-compress", "cache-control": "no-store" },
  });

/**
 * The OCS Inventory protocol for stock agents (also served at /ocsinventory, the path they use by
 * default): zlib-compressed XML, PROLOG then INVENTORY. `ocsinventory-agent --server
 * https://<app>/ocsinventory --realm Assetronics --user $(echo -n agent | base64) --password
 * $(echo -n <enrollment token> | base64)`. Errors in the body are answered with a 4xx in our usual
 * JSON, which the agents log.
 */
export const POST = tokenRoute(ocsEnrollmentToken, {}, async ({ request, requestId, caller }) => {
  try {
    const declared = Number(request.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > LIMITS.compressedBytes) {
      throw new AgentHttpError(413, "payload_too_large", "The inventory is over 2 MB compressed.");
    }
    const body = Buffer.from(await request.arrayBuffer());
    if (body.byteLength > LIMITS.compressedBytes) {
      throw new AgentHttpError(413, "payload_too_large", "The inventory is over 2 MB compressed.");
    }
    let xml: string;
    try {
      xml = (await inflateAsync(body, { maxOutputLength: LIMITS.inflatedBytes })).toString("utf8");
    } catch (error) {
      if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
        throw new AgentHttpError(413, "payload_too_large", "The inventory is over 16 MB once inflated.");
      }
      throw new AgentHttpError(
        400,
        "invalid_encoding",
        "The body must be zlib-compressed XML (application/x-compress).",
      );
    }
    const ocs = parseOcsRequest(xml);
    if (ocs.query === "PROLOG") return reply(ocsReply("SEND", { PROLOG_FREQ: PROLOG_FREQ_HOURS }));
    if (!("content" in ocs)) return reply(ocsReply("NO_ACCOUNT_UPDATE"));
    const payload = CheckIn.safeParse(
      checkInFromOcs(ocs.content, { userAgent: request.headers.get("user-agent"), receivedAt: new Date() }),
    );
    if (!payload.success) {
      const first = payload.error.issues[0];
      throw new AgentHttpError(
        422,
        "invalid_payload",
        `The inventory could not be read${first ? ` (${first.path.join(".")}: ${first.message})` : ""}.`,
      );
    }
    const ip = clientIp(request.headers);
    await withTenant(await getDb(), caller.tenantId, (trx) =>
      receiveOcsInventory(
        { db: trx, tenantId: caller.tenantId, requestId, cause: null },
        {
          tokenId: caller.tokenId,
          ocsDeviceId: ocs.deviceId,
          payload: payload.data,
          ip: ip === "unknown" ? null : ip,
        },
      ),
    );
    return reply(ocsReply("no_account_update"));
  } catch (error) {
    if (error instanceof OcsProtocolError) {
      return new AgentHttpError(400, "invalid_request", error.message).toResponse();
    }
    if (error instanceof AgentHttpError) return error.toResponse();
    throw error;
  }
});
