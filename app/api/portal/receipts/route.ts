import { clientIp } from "@/server/auth/client-ip";
import { fileStorage } from "@/server/files/storage";
import { jsonResponse } from "@/server/http";
import { AcceptReceiptInput } from "@/server/portal/schemas";
import { acceptReceipt } from "@/server/portal/services/accept-receipt";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The most of a user agent kept on a receipt: enough to name the browser, not a stored essay. */
const USER_AGENT_MAX = 500;

/**
 * POST /api/portal/receipts { assetId, signerName, signature } -> 201 { receipt }: the signed-in
 * employee accepts an asset they hold. A route handler rather than a procedure because the receipt
 * records the request's IP address and user agent, and because the signed PDF is stored with no
 * transaction held.
 */
export const POST = tenantRoute(
  can.answerForOwnEquipment,
  { body: AcceptReceiptInput, transaction: "per-read" },
  async (call) => {
    const receipt = await acceptReceipt(call, fileStorage(), call.input.body, {
      ipAddress: clientIp(call.request.headers),
      userAgent: (call.request.headers.get("user-agent") ?? "").slice(0, USER_AGENT_MAX),
    });
    return jsonResponse({ receipt }, 201);
  },
);
