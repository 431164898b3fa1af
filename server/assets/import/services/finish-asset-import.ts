import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { type ProblemSummary, summaryColumns } from "../problems";
import { lockImport } from "../queries";
import type { ImportOutcome } from "../run";

type Finish =
  | { outcome: "completed"; problems?: ProblemSummary }
  | { outcome: "failed"; error: string; problems?: ProblemSummary };

/**
 * Ends an import that is still running: completed (with what was written) or failed (with why),
 * and one asset_import.completed event carrying the counts. A second call changes nothing, nor
 * does a call after the import was cancelled (asset_import.cancelled already ended it).
 * `problems` replaces the import's problems (a failed all_or_nothing import reports why).
 */
export async function finishAssetImport(
  scope: TenantScope,
  importId: string,
  finish: Finish,
): Promise<ImportOutcome> {
  const current = await lockImport(scope.db, scope.tenantId, importId);
  const problemCount = finish.problems?.count ?? current.problem_count;
  if (current.status !== "importing") {
    const status = current.status === "cancelled" ? "cancelled" : "skipped";
    return { status, imported: current.imported_rows, problems: problemCount };
  }
  // A failed all_or_nothing import discarded its hidden rows, unless it had begun publishing them;
  // a valid-only one keeps the batches it wrote.
  const rolledBack = finish.outcome === "failed" && current.mode === "all_or_nothing" && !current.publishing;
  const imported = rolledBack ? 0 : current.imported_rows;
  await scope.db
    .updateTable("asset_imports")
    .set({
      status: finish.outcome,
      error: finish.outcome === "failed" ? finish.error : null,
      finished_at: new Date(),
      publishing: false,
      ...(finish.problems ? summaryColumns(finish.problems) : {}),
      ...(rolledBack ? { imported_rows: 0, processed_rows: 0 } : {}),
    })
    .where("id", "=", current.id)
    .execute();
  await emit(scope, {
    name: "asset_import.completed",
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
  return { status: finish.outcome, imported, problems: problemCount };
}
