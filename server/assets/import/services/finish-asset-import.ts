import type { Trx } from "../../../db";
import { emit } from "../../../events/emit";
import { lockImport } from "../queries";
import type { ImportOutcome, ImportRun } from "../run";
import type { RowProblem } from "../validate-rows";

type Finish =
  | { outcome: "completed"; problems?: RowProblem[] }
  | { outcome: "failed"; error: string; problems?: RowProblem[] };

/**
 * Ends an import that is still running: completed (with what was written) or failed (with why),
 * and one asset_import.completed event carrying the counts. A second call changes nothing, nor
 * does a call after the import was cancelled (asset_import.cancelled already ended it).
 */
export async function finishAssetImport(trx: Trx, run: ImportRun, finish: Finish): Promise<ImportOutcome> {
  const current = await lockImport(trx, run.tenantId, run.importId);
  const problems = finish.problems ?? (current.problems as RowProblem[]);
  if (current.status !== "importing") {
    const status = current.status === "cancelled" ? "cancelled" : "skipped";
    return { status, imported: current.imported_rows, problems: problems.length };
  }
  // A failed all-or-nothing import rolled back every row; a valid-only one keeps the batches it wrote.
  const rolledBack = finish.outcome === "failed" && current.mode === "all_or_nothing";
  const imported = rolledBack ? 0 : current.imported_rows;
  await trx
    .updateTable("asset_imports")
    .set({
      status: finish.outcome,
      error: finish.outcome === "failed" ? finish.error : null,
      finished_at: new Date(),
      ...(finish.problems ? { problems: JSON.stringify(finish.problems) } : {}),
      ...(rolledBack ? { imported_rows: 0, processed_rows: 0 } : {}),
    })
    .where("id", "=", current.id)
    .execute();
  await emit(trx, {
    tenantId: run.tenantId,
    name: "asset_import.completed",
    actor: run.actor,
    entityId: current.id,
    data: {
      fileName: current.file_name,
      mode: current.mode === "all_or_nothing" ? "all_or_nothing" : "valid_only",
      outcome: finish.outcome,
      imported,
      skipped: current.total_rows - imported,
      ...(finish.outcome === "failed" ? { error: finish.error } : {}),
    },
  });
  return { status: finish.outcome, imported, problems: problems.length };
}
