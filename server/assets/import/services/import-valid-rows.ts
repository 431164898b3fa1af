import { sql } from "kysely";
import { type Db, withTenant } from "../../../db";
import { insertImportBatch } from "../insert-batch";
import { linesRejectedBeforeWriting, prepareImport } from "../prepare";
import { lockImport } from "../queries";
import { BATCH_ROWS, type ImportRun, STEP_ROWS } from "../run";
import type { RowProblem } from "../validate-rows";

/**
 * "valid_only", step `step`: writes the planned rows [step * STEP_ROWS, +STEP_ROWS) in batches of
 * BATCH_ROWS, each batch in its own transaction that also moves processed_rows (the progress bar
 * and the resume point): a batch already counted is skipped, so a step run twice writes nothing
 * twice. A planned row that no longer validates, or whose tag was taken meanwhile, is reported.
 * Once the import is no longer running (cancelled), no further batch is written and `stopped` says
 * so; the batches written before stay.
 */
export async function importValidRows(
  db: Db,
  run: ImportRun,
  step: number,
): Promise<{ imported: number; stopped: boolean }> {
  const source = await withTenant(db, run.tenantId, (trx) =>
    trx
      .selectFrom("asset_imports")
      .select(["status", "content", "delimiter", "mapping", "problems"])
      .where("tenant_id", "=", run.tenantId)
      .where("id", "=", run.importId)
      .executeTakeFirstOrThrow(),
  );
  if (source.status !== "importing") return { imported: 0, stopped: true };
  const prepared = await withTenant(db, run.tenantId, (trx) =>
    prepareImport(trx, run.tenantId, source, { checkExisting: false }),
  );
  const rejected = linesRejectedBeforeWriting(source.problems as RowProblem[]);
  const planned = prepared.lines.filter((line) => !rejected.has(line));
  const rowAt = new Map(prepared.rows.map((row) => [row.line, row]));

  let imported = 0;
  const last = Math.min(planned.length, (step + 1) * STEP_ROWS);
  for (let start = step * STEP_ROWS; start < last; start += BATCH_ROWS) {
    const end = Math.min(start + BATCH_ROWS, last);
    const written = await withTenant(db, run.tenantId, async (trx) => {
      const current = await lockImport(trx, run.tenantId, run.importId);
      if (current.status !== "importing") return null;
      if (current.processed_rows >= end) return 0;
      if (current.processed_rows !== start) {
        throw new Error(
          `import ${run.importId}: batch at ${start} but ${current.processed_rows} rows processed`,
        );
      }
      const lines = planned.slice(start, end);
      const rows = lines.flatMap((line) => rowAt.get(line) ?? []);
      const stale = new Set(lines.filter((line) => !rowAt.has(line)));
      const batch = await insertImportBatch(trx, { ...run, rows, fileTags: prepared.fileTags });
      const problems = [
        ...prepared.problems
          .filter((problem) => stale.has(problem.line))
          .map((problem) => ({ ...problem, stage: "write" })),
        ...batch.problems,
      ];
      await trx
        .updateTable("asset_imports")
        .set((eb) => ({
          processed_rows: end,
          imported_rows: eb("imported_rows", "+", batch.imported),
          ...(problems.length > 0 ? { problems: sql`problems || ${JSON.stringify(problems)}::jsonb` } : {}),
        }))
        .where("id", "=", current.id)
        .execute();
      return batch.imported;
    });
    if (written === null) return { imported, stopped: true };
    imported += written;
  }
  return { imported, stopped: false };
}
