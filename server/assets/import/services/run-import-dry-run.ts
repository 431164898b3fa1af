import { type Db, withTenant } from "../../../db";
import type { PreparedRows, RowPipeline } from "../pipeline";
import { prepareImport } from "../prepare";
import { clearReport, dropOtherReports, startReport, summaryColumns } from "../problems";
import { importSource, lockImport } from "../queries";

/** One dry run of one import (from its asset_import.mapped or employee_import.mapped event). */
export type DryRun = { tenantId: string; importId: string; generation: number };

export type DryRunOutcome = { status: "validated" | "superseded"; validRows: number; problems: number };

const superseded: DryRunOutcome = { status: "superseded", validRows: 0, problems: 0 };

/** The import's row while it is this dry run's to write; null once superseded or cancelled. */
async function currentDryRun(db: Db, run: DryRun) {
  const row = await withTenant(db, run.tenantId, (trx) => importSource(trx, run.tenantId, run.importId));
  return row.status === "validating" && row.validation_generation === run.generation ? row : null;
}

/**
 * The dry run: validates every row of the file against the tenant's data with the saved mapping,
 * in the background and without holding a transaction (prepare.ts), writing the problem report as
 * it goes and the progress every half second. At the end the import is "validated" with its
 * counts and first problems, unless a newer dry run or a cancel came meanwhile: then this one's
 * report is dropped and nothing else changes. Running it twice for one generation gives the same
 * result (the report is started again).
 */
export async function runImportDryRun(db: Db, run: DryRun): Promise<DryRunOutcome> {
  return runDryRun(db, run, prepareImport);
}

/** The dry run of any kind of import, checking its rows with `prepare`. */
export async function runDryRun<Row extends { line: number }>(
  db: Db,
  run: DryRun,
  prepare: RowPipeline<Row, PreparedRows<Row>>["prepare"],
): Promise<DryRunOutcome> {
  const source = await currentDryRun(db, run);
  if (!source) return superseded;
  const target = { db, ...run };
  const problems = await startReport(target);
  let reported = performance.now();
  const prepared = await prepare(db, run.tenantId, source, {
    checkExisting: true,
    problems,
    keepRows: false,
    onProgress: async (validated) => {
      if (performance.now() - reported < 500) return;
      reported = performance.now();
      await withTenant(db, run.tenantId, (trx) =>
        trx
          .updateTable("asset_imports")
          .set({ processed_rows: validated })
          .where("tenant_id", "=", run.tenantId)
          .where("id", "=", run.importId)
          .where("status", "=", "validating")
          .where("validation_generation", "=", run.generation)
          .execute(),
      );
    },
  });

  const outcome = await withTenant(db, run.tenantId, async (trx): Promise<DryRunOutcome> => {
    const current = await lockImport(trx, run.tenantId, run.importId);
    if (current.status !== "validating" || current.validation_generation !== run.generation)
      return superseded;
    await trx
      .updateTable("asset_imports")
      .set({
        status: "validated",
        total_rows: prepared.lines.length,
        valid_rows: prepared.validRows,
        processed_rows: 0,
        ...summaryColumns(problems.summary),
      })
      .where("id", "=", current.id)
      .execute();
    await dropOtherReports(trx, run);
    return { status: "validated", validRows: prepared.validRows, problems: problems.summary.count };
  });
  if (outcome.status === "superseded") await clearReport(target);
  return outcome;
}

/**
 * A dry run that failed for good (its function's retries ran out): the import goes back to
 * "uploaded" with the reason, so the user can run it again.
 */
export async function failImportDryRun(db: Db, run: DryRun, error: string): Promise<void> {
  await withTenant(db, run.tenantId, (trx) =>
    trx
      .updateTable("asset_imports")
      .set({ status: "uploaded", processed_rows: 0, error })
      .where("tenant_id", "=", run.tenantId)
      .where("id", "=", run.importId)
      .where("status", "=", "validating")
      .where("validation_generation", "=", run.generation)
      .execute(),
  );
}
