import { z } from "zod";
import { PrintAssetLabelsInput } from "@/server/assets/labels/schemas";
import { printAssetLabels } from "@/server/assets/labels/services/print-asset-labels";
import { listInputFromView, viewFromSearchParams } from "@/server/assets/list/url";
import { inBackground } from "@/server/db";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** `?ids=<id>,<id>&size=<size>`, or the asset list's query string to print every match. */
const LabelsQuery = z.preprocess((params: URLSearchParams) => {
  const ids = params
    .getAll("ids")
    .flatMap((value) => value.split(","))
    .map((id) => id.trim())
    .filter(Boolean);
  const { page: _page, pageSize: _pageSize, ...filters } = listInputFromView(viewFromSearchParams(params));
  return { size: params.get("size") ?? undefined, ids: ids.length > 0 ? ids : undefined, filters };
}, PrintAssetLabelsInput);

/**
 * GET /api/assets/labels?ids=<id>,<id>&size=avery-5160 -> a PDF of those assets' labels; without
 * ids, the labels of every asset the asset list's query string matches. Admins and IT staff.
 * Sizes: avery-5160, avery-5163, avery-l7160, avery-l7163, dymo-30252, dymo-30334.
 */
export const GET = tenantRoute(
  can.manageAssets,
  { query: LabelsQuery, transaction: "per-read" },
  async ({ db, user, input }) => {
    // A sheet of thousands takes seconds: background work, so other requests' queries go first.
    const { filename, bytes } = await inBackground(() => printAssetLabels(db, user, input.query));
    return fileResponse(bytes as Uint8Array<ArrayBuffer>, {
      filename,
      contentType: "application/pdf",
      disposition: "inline",
    });
  },
);
