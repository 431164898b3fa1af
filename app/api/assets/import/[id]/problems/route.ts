import { exportImportProblems } from "@/server/assets/import/services/export-import-problems";
import { getSessionUser } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/** GET /api/assets/import/<id>/problems -> the import's row problems as CSV (admins, IT staff). */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in to download import problems.");
    const { filename, body } = await exportImportProblems(await getDb(), user, (await params).id);
    return new Response(body, {
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
