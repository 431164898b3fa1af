import { listInputFromView, viewFromSearchParams } from "@/app/(staff)/assets/list-params";
import { exportAssetsCsv } from "@/server/assets/services/export-assets-csv";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/**
 * GET /api/assets/export?<the asset list's query string> -> every matching asset as a CSV download
 * (admins, IT staff and auditors). Paging parameters are ignored: the whole filtered list is exported.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in to export assets.");
    const {
      page: _page,
      pageSize: _pageSize,
      ...filters
    } = listInputFromView(viewFromSearchParams(new URL(request.url).searchParams));
    const { filename, stream } = await exportAssetsCsv(await getDb(), user, filters);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
