import { filtersFromSearchParams } from "@/server/audit/search-params";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/** GET /api/audit/export?<the audit page's filters> -> the matching events as a CSV download. */
export async function GET(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in to export the audit log.");
    const filters = filtersFromSearchParams(new URL(request.url).searchParams);
    const { filename, stream } = await exportAuditCsv(await getDb(), user, filters);
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
