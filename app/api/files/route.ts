import { uploadFile } from "@/server/files/services/upload-file";
import { fileStorage } from "@/server/files/storage";
import { readUploadRequest } from "@/server/files/upload-request";
import { jsonResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * POST /api/files (multipart: purpose, file, optionally ownerType + ownerId) -> 201 { file }:
 * one upload, checked from its content, stored, and pending until attached (or attached at once
 * to the owner given). No transaction is held while the bytes travel to storage.
 */
export const POST = tenantRoute(can.manageAssets, { transaction: "per-read" }, async (call) => {
  const upload = await readUploadRequest(call.request);
  const file = await uploadFile(call, fileStorage(), {
    purpose: upload.purpose,
    name: upload.file.name,
    body: upload.file,
    owner: upload.owner,
  });
  return jsonResponse({ file }, 201);
});
