import { FileIdParams } from "@/server/files/schemas";
import { openFile } from "@/server/files/services/open-file";
import { fileStorage } from "@/server/files/storage";
import { previewResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/**
 * GET /api/files/<id>/preview -> an image or PDF shown inline, framed by the app's preview dialog
 * (other types: 422). The content type is the one sniffed from the bytes at upload.
 */
export const GET = tenantRoute(can.readTenant, { params: FileIdParams }, async (call) => {
  const { file, body } = await openFile(call, fileStorage(), call.input.params.id, "preview");
  return previewResponse(body, { filename: file.name, contentType: file.content_type });
});
