import { FileIdParams } from "@/server/files/schemas";
import { openFile } from "@/server/files/services/open-file";
import { fileStorage } from "@/server/files/storage";
import { makeThumbnail } from "@/server/files/thumbnail";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** GET /api/files/<id>/thumbnail -> a WebP of the image at most 320 px a side, made on the server. */
export const GET = tenantRoute(can.readTenant, { params: FileIdParams }, async (call) => {
  const { file, body } = await openFile(call, fileStorage(), call.input.params.id, "thumbnail");
  const thumbnail = await makeThumbnail(body);
  return fileResponse(thumbnail, {
    filename: `${file.name.replace(/\.[^.]+$/, "")}.webp`,
    contentType: "image/webp",
    disposition: "inline",
  });
});
