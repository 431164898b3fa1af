import { sql } from "kysely";
import type { z } from "zod";
import { csvRow } from "../audit/csv";
import type { SessionUser } from "../context";
import { type Db, type Executor, inBackground, withTenant } from "../db";
import { AppError } from "../errors";
import { claimHeavyJob, exportBatchSizer, yieldToEventLoop } from "../heavy-jobs";
import { logger } from "../logger";
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
 * for a spreadsheet or another system, built like the asset export: the matching ids first (one
 * query), then the rows by id in batches sized to ~20 ms, each in its own short tenant transaction
 * when the client is ready for more, with a turn of the event loop between them; a tenant runs
 * at most two at once (server/heavy-jobs.ts; the slot is freed when the stream ends, fails or is
 * cancelled). Personal fields (personal email, phone, address, birth date, national id) are never
 * written: they stay encrypted at rest and are read one person at a time, audited, on the
 * employee page.
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
  const parsed = ExportEmployeesInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      issue ? `${issue.path.join(".") || "filters"}: ${issue.message}` : "Invalid filters",
    );
  }
  const input = parsed.data;
  const sizer = await exportBatchSizer(options.batchSize);
  const release = claimHeavyJob(tenantId, "employee-export");
  const encoder = new TextEncoder();
  let ids: string[] | null = null;
  let position = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(EMPLOYEE_CSV_COLUMNS)));
    },
    async pull(controller) {
      try {
        await yieldToEventLoop();
        ids ??= await inBackground(() => withTenant(db, tenantId, (trx) => orderedIds(trx, tenantId, input)));
        const batch = ids.slice(position, position + sizer.size());
        position += batch.length;
        const started = performance.now();
        const rows =
          batch.length === 0
            ? []
            : await inBackground(() => withTenant(db, tenantId, (trx) => rowsOf(trx, tenantId, batch)));
        if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(employeeCsvRow).join("")));
        sizer.record(batch.length, performance.now() - started);
        if (position >= ids.length) {
          controller.close();
          release();
        }
      } catch (error) {
        logger.error("employee export failed", { tenantId, position, error });
        controller.error(error);
        release();
      }
    },
    cancel: release,
  });
  return { filename: `employees-${new Date().toISOString().slice(0, 10)}.csv`, stream };
}
