import { type SqlBool, sql } from "kysely";
import type { BatchOutcome, PreparedRows, RowPipeline } from "@/server/assets/import/pipeline";
import type { ImportProblem } from "@/server/assets/import/problems";
import type { TenantScope } from "@/server/context";
import { AppError, isAppError } from "@/server/errors";
import { createEmployee } from "../services/create-employee";
import { updateEmployee } from "../services/update-employee";
import { prepareEmployeeImport } from "./prepare";
import type { EmployeeImportRow } from "./validate-rows";

/** The person a manager cell names now (earlier batches may have just created them). */
async function managerId(scope: TenantScope, cell: string): Promise<string | null> {
  const key = cell.toLowerCase();
  const row = await scope.db
    .selectFrom("employees")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where(sql<SqlBool>`(work_email = ${key} or lower(employee_number) = ${key})`)
    .orderBy(sql`work_email = ${key}`, "desc")
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Writes one row through the services the dialogs use, so events (employee.created or
 * employee.updated with before and after), audit entries, sealed personal fields and their blind
 * indexes are those of a manual entry: a new work email creates the person, a known one updates
 * what the file changes (nothing is written when nothing differs).
 */
async function writeRow(
  scope: TenantScope,
  row: EmployeeImportRow,
): Promise<"created" | "updated" | "unchanged"> {
  const manager = row.manager === null ? undefined : await managerId(scope, row.manager);
  if (row.manager !== null && manager === null)
    throw new AppError(
      "NOT_FOUND",
      `Manager ${row.manager} is no longer in the organization; the row was not written.`,
    );
  const existing = await scope.db
    .selectFrom("employees")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("work_email", "=", row.workEmail)
    .executeTakeFirst();
  if (existing) {
    const result = await updateEmployee(scope, {
      employeeId: existing.id,
      ...row.fields,
      managerId: manager,
    });
    return result.changed ? "updated" : "unchanged";
  }
  await createEmployee(scope, {
    ...row.fields,
    firstName: row.fields.firstName ?? "",
    lastName: row.fields.lastName ?? "",
    workEmail: row.workEmail,
    managerId: manager,
  });
  return "created";
}

/**
 * Writes a batch of checked rows in the caller's transaction, each in its own savepoint: a row the
 * services refuse now (someone took its employee number since the dry run) is reported and the
 * others are written.
 */
export async function writeEmployeeBatch(
  scope: TenantScope,
  rows: readonly EmployeeImportRow[],
): Promise<BatchOutcome> {
  const outcome = { imported: 0, created: 0, updated: 0, unchanged: 0, problems: [] as ImportProblem[] };
  for (const row of rows) {
    await sql`savepoint import_row`.execute(scope.db);
    try {
      outcome[await writeRow(scope, row)]++;
      outcome.imported++;
      await sql`release savepoint import_row`.execute(scope.db);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await sql`rollback to savepoint import_row`.execute(scope.db);
      await sql`release savepoint import_row`.execute(scope.db);
      outcome.problems.push({
        line: row.line,
        column: null,
        value: row.workEmail,
        code: "refused",
        message: error.message,
        stage: "write",
      });
    }
  }
  return outcome;
}

/** How employee rows are checked and written, for the shared import pipeline. */
export const employeeRows: RowPipeline<EmployeeImportRow, PreparedRows<EmployeeImportRow>> = {
  prepare: prepareEmployeeImport,
  write: (scope, batch) => writeEmployeeBatch(scope, batch.rows),
};
