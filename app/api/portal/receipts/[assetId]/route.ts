import { z } from "zod";
import { AppError } from "@/server/errors";
import { fileStorage } from "@/server/files/storage";
import { fileResponse } from "@/server/http";
import { myReceiptFile } from "@/server/portal/services/my-equipment";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";
import { id } from "@/server/schemas/primitives";

export const dynamic = "force-dynamic";

/**
 * GET /api/portal/receipts/<assetId> -> my signed receipt for an asset I hold, as a PDF: the
 * employee's own copy, found from the session (another person's asset is not found).
 */
export const GET = tenantRoute(can.everyone, { params: z.object({ assetId: id() }) }, async (call) => {
  const file = await myReceiptFile(call, call.input.params.assetId);
  const storage = fileStorage();
  if (file.storage !== storage.name)
    throw new AppError("NOT_FOUND", "This receipt is kept in a storage this server no longer uses.");
  return fileResponse(await storage.get(file.storage_key), {
    filename: file.name,
    contentType: file.content_type,
    disposition: "inline",
  });
});
