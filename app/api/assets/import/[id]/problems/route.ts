import { z } from "zod";
import { exportImportProblems } from "@/server/assets/import/services/export-import-problems";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";
import { id } from "@/server/schemas/primitives";

export const dynamic = "force-dynamic";

/**
 * GET /api/assets/import/<id>/problems -> the import's row problems as CSV (admins, IT staff),
 * streamed a chunk at a time, each in its own short transaction.
 */
export const GET = tenantRoute(
  can.manageAssets,
  { params: z.object({ id: id("must be an import id") }), transaction: "per-read" },
  async ({ db, user, input }) => {
    const { filename, body } = await exportImportProblems(db, user, input.params.id);
    return fileResponse(body, { filename, contentType: "text/csv; charset=utf-8" });
  },
);
