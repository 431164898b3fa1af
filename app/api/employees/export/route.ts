import { z } from "zod";
import { employeeListInput, employeeViewFromParams } from "@/app/(staff)/employees/list-params";
import { ExportEmployeesInput, exportEmployeesCsv } from "@/server/employees/export-csv";
import { fileResponse } from "@/server/http";
import { can } from "@/server/roles";
import { tenantRoute } from "@/server/route";

export const dynamic = "force-dynamic";

/** The employee list's query string, read as the list page reads it; paging is ignored. */
const ExportQuery = z
  .instanceof(URLSearchParams)
  .transform((params): z.input<typeof ExportEmployeesInput> => {
    const {
      page: _page,
      pageSize: _pageSize,
      ...filters
    } = employeeListInput(employeeViewFromParams(params));
    return filters;
  })
  .pipe(ExportEmployeesInput);

/**
 * GET /api/employees/export?<the employee list's query string> -> every matching employee as a CSV
 * download (admins, IT staff and auditors), personal fields left out. The CSV streams in batches,
 * each in its own short transaction.
 */
export const GET = tenantRoute(
  can.readTenant,
  { query: ExportQuery, transaction: "per-read" },
  async ({ db, user, input }) => {
    const { filename, stream } = await exportEmployeesCsv(db, user, input.query);
    return fileResponse(stream, { filename, contentType: "text/csv; charset=utf-8" });
  },
);
