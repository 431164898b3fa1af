import { z } from "zod";
import { AuditFilters } from "@/server/audit/schemas";
import { filtersFromSearchParams } from "@/server/audit/search-params";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The audit page's filters, from the same query string the page reads. */
const ExportQuery = z.instanceof(URLSearchParams).transform(filtersFromSearchParams).pipe(AuditFilters);

/**
 * GET /api/audit/export?<the audit page's filters> -> the matching events as a CSV download
 * (admins and auditors), streamed in batches, each in its own short transaction.
 */
export const GET = tenantRoute(
  can.audit,
  { query: ExportQuery, transaction: "per-read" },
  async ({ db, user, input }) => {
    const { filename, stream } = await exportAuditCsv(db, user, input.query);
    return fileResponse(stream, { filename, contentType: "text/csv; charset=utf-8" });
  },
);
