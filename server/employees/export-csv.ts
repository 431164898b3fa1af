import { sql } from "kysely";
import type { z } from "zod";
import { csvRow } from "../audit/csv";
import type { SessionUser } from "../context";
import { parseExportFilters, streamCsvByIds } from "../csv-export";
import type { Db, Executor } from "../db";
import { AppError } from "../errors";
import { claimHeavyJob, exportBatchSizer } from "../heavy-jobs";
import { can, hasRole } from "../roles";
import { filteredEmployees } from "./queries";
import { EmployeeListInput } from "./schemas";

/** The list's filters (not its page): the export holds every employee the list would show. */
export const ExportEmployeesInput = EmployeeListInput.omit({ page: true, pageSize: true });
type ExportEmployeesInput = z.output<typeof ExportEmployeesInput>;

export const EMPLOYEE_CSV_COLUMNS = [
  "Employee number",
  "First name",
  "Last name",
  "Work email",
  "Title",
  "Department",
  "Location",
  // the manager as the import identifies them (first, so the import's guess maps it), then by name
  "Manager email",
  "Manager",
  "Employment type",
  "Status",
  "Hire date",
  "Termination date",
  "Source",
  "Assets held",
] as const;

/** Every matching employee's id, by name (last, first), in one query. */
async function orderedIds(db: Executor, tenantId: string, input: ExportEmployeesInput): Promise<string[]> {
  const rows = await filteredEmployees(db, tenantId, input)
    .select("employees.id")
    .orderBy("employees.last_name")
    .orderBy("employees.first_name")
    .orderBy("employees.id")
    .execute();
  return rows.map((row) => row.id);
}

/** The export's columns of these employees (by primary key), in the order of `ids`. */
async function rowsOf(db: Executor, tenantId: string, ids: readonly string[]) {
  const rows = await db
    .selectFrom("employees")
    .leftJoin("departments", "departments.id", "employees.department_id")
    .leftJoin("locations", "locations.id", "employees.location_id")
    .leftJoin("employees as manager", "manager.id", "employees.manager_id")
    .select([
      "employees.id",
      "employees.employee_number",
      "employees.first_name",
      "employees.last_name",
      "employees.work_email",
      "employees.title",
      "departments.name as department",
      "locations.name as location",
      "manager.work_email as manager_email",
      "manager.display_name as manager",
      "employees.employment_type",
      "employees.status",
      "employees.hire_date",
      "employees.termination_date",
      "employees.source",
      sql<number>`(select count(*) from assets a where a.tenant_id = employees.tenant_id and a.employee_id = employees.id)`.as(
        "assets",
      ),
    ])
    .where("employees.tenant_id", "=", tenantId)
    .where("employees.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  // a person deleted since the export began is left out
  return ids.flatMap((id) => byId.get(id) ?? []);
}

type EmployeeRow = Awaited<ReturnType<typeof rowsOf>>[number];
const employeeCsvRow = (row: EmployeeRow): string =>
  csvRow([
    row.employee_number,
    row.first_name,
    row.last_name,
    row.work_email,
    row.title,
    row.department,
    row.location,
    row.manager_email,
    row.manager,
    row.employment_type,
    row.status,
    row.hire_date,
    row.termination_date,
    row.source,
    Number(row.assets),
  ]);

/**
 * The employees the list's filters select, as a CSV stream in the list's default order (by name),
 * for a spreadsheet or another system, streamed like the asset export (server/csv-export.ts: the
 * matching ids first, then the rows by id in batches sized to ~20 ms); a tenant runs at most two
 * at once (server/heavy-jobs.ts). Personal fields (personal email, phone, address, birth date,
 * national id) are never written: they stay encrypted at rest and are read one person at a time,
 * audited, on the employee page.
 */
export async function exportEmployeesCsv(
  db: Db,
  user: SessionUser,
  rawInput: unknown,
  /** A fixed batch size (tests); by default batches adapt to how long they take. */
  options: { batchSize?: number } = {},
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const { tenantId } = user;
  if (!tenantId || !hasRole(user.role, can.readTenant)) {
    throw new AppError("FORBIDDEN", "Your role does not allow exporting employees.");
  }
  const input = parseExportFilters(ExportEmployeesInput, rawInput);
  const sizer = await exportBatchSizer(options.batchSize);
  const release = claimHeavyJob(tenantId, "employee-export");
  const stream = streamCsvByIds({
    db,
    tenantId,
    name: "employee export",
    header: EMPLOYEE_CSV_COLUMNS,
    sizer,
    release,
    orderedIds: (trx) => orderedIds(trx, tenantId, input),
    rowsOf: (trx, ids) => rowsOf(trx, tenantId, ids),
    toCsvRow: employeeCsvRow,
  });
  return { filename: `employees-${new Date().toISOString().slice(0, 10)}.csv`, stream };
}
