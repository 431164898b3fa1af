import { listInputFromView, viewFromSearchParams } from "@/app/(staff)/assets/list-params";
import { printAssetLabels } from "@/server/assets/services/print-asset-labels";
import { getSessionUser } from "@/server/auth/session";
import { getDb, inBackground } from "@/server/db";
import { AppError } from "@/server/errors";
import { errorResponse } from "@/server/http";
import { requestIdFrom } from "@/server/request-id";

export const dynamic = "force-dynamic";

/**
 * GET /api/assets/labels?ids=<id>,<id>&size=avery-5160 -> a PDF of those assets' labels; without
 * ids, the labels of every asset the asset list's query string matches. Admins and IT staff.
 * Sizes: avery-5160, avery-5163, avery-l7160, avery-l7163, dymo-30252, dymo-30334.
 */
export async function GET(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in to print asset labels.");
    const params = new URL(request.url).searchParams;
    const ids = params
      .getAll("ids")
      .flatMap((value) => value.split(","))
      .map((id) => id.trim())
      .filter(Boolean);
    const { page: _page, pageSize: _pageSize, ...filters } = listInputFromView(viewFromSearchParams(params));
    const db = await getDb();
    // A sheet of thousands takes seconds: background work, so other requests' queries go first.
    const { filename, bytes } = await inBackground(() =>
      printAssetLabels(db, user, {
        size: params.get("size") ?? undefined,
        ids: ids.length > 0 ? ids : undefined,
        filters,
      }),
    );
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
