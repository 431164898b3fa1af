import { type Db, withTenant } from "../../../db";
import type { PreparedRows, RowPipeline } from "../pipeline";
import { prepareImport } from "../prepare";
import { dropOtherReports, startReport, summaryColumns } from "../problems";
import { importSource, lockImport } from "../queries";
import { type ImportRun, STEP_ROWS } from "../run";

/**
 * "valid_only", before writing: validates every row again (the data may have changed since the
 * dry run), records the problems (a new report) and which lines will not be written; each step
 * then writes STEP_ROWS of the others. Once writing has begun the plan is not redone, so a
 * resumed run keeps the same rows. No transaction is held while the file is checked.
 */
export async function planValidOnlyImport(
  db: Db,
  run: ImportRun,
): Promise<{ steps: number; validRows: number }> {
  return planValidRows(db, run, prepareImport);
}

/** The plan of a "valid_only" import of any kind, checking its rows with `prepare`. */
export async function planValidRows<Row extends { line: number }>(
  db: Db,
  run: ImportRun,
  prepare: RowPipeline<Row, PreparedRows<Row>>["prepare"],
): Promise<{ steps: number; validRows: number }> {
  const current = await withTenant(db, run.tenantId, (trx) => importSource(trx, run.tenantId, run.importId));
  if (current.status !== "importing") return { steps: 0, validRows: 0 };
  if (current.processed_rows > 0) {
    return { steps: Math.ceil(current.valid_rows / STEP_ROWS), validRows: current.valid_rows };
  }
  const report = {
    db,
    tenantId: run.tenantId,
    importId: run.importId,
    generation: current.validation_generation,
  };
  const problems = await startReport(report);
  const prepared = await prepare(db, run.tenantId, current, {
    checkExisting: true,
    problems,
    keepRows: false,
  });
  return run.inTenant(async (scope) => {
    const row = await lockImport(scope.db, run.tenantId, run.importId);
    if (row.status !== "importing" || row.processed_rows > 0) {
      return { steps: Math.ceil(row.valid_rows / STEP_ROWS), validRows: row.valid_rows };
    }
    await scope.db
      .updateTable("asset_imports")
      .set({
        valid_rows: prepared.validRows,
        rejected_lines: [...problems.lines].sort((a, b) => a - b),
        ...summaryColumns(problems.summary),
      })
      .where("id", "=", row.id)
      .execute();
    await dropOtherReports(scope.db, report);
    return { steps: Math.ceil(prepared.validRows / STEP_ROWS), validRows: prepared.validRows };
  });
}
