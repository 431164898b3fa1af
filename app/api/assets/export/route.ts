import { z } from "zod";
import { AssetListInput } from "@/server/assets/list/schemas";
import { exportAssetsCsv } from "@/server/assets/list/services/export-assets-csv";
import { listInputFromView, viewFromSearchParams } from "@/server/assets/list/url";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The asset list's query string, read as the list page reads it; paging is ignored. */
const ExportQuery = z
  .instanceof(URLSearchParams)
  .transform((params) => listInputFromView(viewFromSearchParams(params)))
  .pipe(AssetListInput.omit({ page: true, pageSize: true }));

/**
 * GET /api/assets/export?<the asset list's query string> -> every matching asset as a CSV download
 * (admins, IT staff and auditors). The CSV streams in batches, each in its own short transaction.
 */
export const GET = tenantRoute(
  can.readTenant,
  { query: ExportQuery, transaction: "per-read" },
  async ({ db, user, input }) => {
    const { filename, stream } = await exportAssetsCsv(db, user, input.query);
    return fileResponse(stream, { filename, contentType: "text/csv; charset=utf-8" });
  },
);
