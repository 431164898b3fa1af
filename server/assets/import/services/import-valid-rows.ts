import { type Db, withTenant } from "../../../db";
import { yieldToEventLoop } from "../../../heavy-jobs";
import { insertImportBatch } from "../insert-batch";
import type { PreparedRows, RowPipeline } from "../pipeline";
import { type PreparedImport, prepareImport } from "../prepare";
import { appendProblems, type ImportProblem } from "../problems";
import { importSource, lockImport } from "../queries";
import { batchRows, type ImportRun, STEP_ROWS } from "../run";
import type { ImportRow } from "../validate-rows";

/** How asset rows are checked and written. */
export const assetRows: RowPipeline<ImportRow, PreparedImport> = {
  prepare: prepareImport,
  write: (scope, batch) =>
    insertImportBatch(scope, {
      importId: batch.importId,
      rows: batch.rows,
      fileTags: batch.prepared.fileTags,
    }),
};

/**
 * "valid_only", step `step`: writes the planned rows [step * STEP_ROWS, +STEP_ROWS) in batches of
 * batchRows(), each batch in its own transaction that also moves processed_rows (the progress bar
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
  return writeValidRows(db, run, step, assetRows);
}

/**
 * importValidRows for any kind of import: `rows` checks the file again and writes each batch; a
 * batch's counts of created, updated and unchanged rows (people) add up on the import's row.
 */
export async function writeValidRows<Row extends { line: number }, Prepared extends PreparedRows<Row>>(
  db: Db,
  run: ImportRun,
  step: number,
  rows: RowPipeline<Row, Prepared>,
): Promise<{ imported: number; stopped: boolean }> {
  const source = await withTenant(db, run.tenantId, (trx) => importSource(trx, run.tenantId, run.importId));
  if (source.status !== "importing") return { imported: 0, stopped: true };
  // Problems found now on rows the plan had passed are reported as the batches reach them.
  const rejected = new Set(source.rejected_lines);
  const found = new Map<number, ImportProblem[]>();
  const prepared = await rows.prepare(db, run.tenantId, source, {
    checkExisting: false,
    problems: {
      add: async (problem) => {
        if (rejected.has(problem.line)) return;
        found.set(problem.line, [...(found.get(problem.line) ?? []), problem]);
      },
      flush: async () => {},
    },
  });
  const planned = prepared.lines.filter((line) => !rejected.has(line));
  const rowAt = new Map(prepared.rows.map((row) => [row.line, row]));
  const staleProblems = (lines: ReadonlySet<number>): ImportProblem[] =>
    [...lines].flatMap((line) =>
      (found.get(line) ?? []).map((problem) => ({ ...problem, stage: "write" as const })),
    );

  let imported = 0;
  const last = Math.min(planned.length, (step + 1) * STEP_ROWS);
  const batch = await batchRows();
  for (let start = step * STEP_ROWS; start < last; start += batch) {
    const end = Math.min(start + batch, last);
    const written = await run.inTenant(async (scope) => {
      const current = await lockImport(scope.db, run.tenantId, run.importId);
      if (current.status !== "importing") return null;
      if (current.processed_rows >= end) return 0;
      if (current.processed_rows !== start) {
        throw new Error(
          `import ${run.importId}: batch at ${start} but ${current.processed_rows} rows processed`,
        );
      }
      const lines = planned.slice(start, end);
      const stale = new Set(lines.filter((line) => !rowAt.has(line)));
      const batch = await rows.write(scope, {
        importId: run.importId,
        rows: lines.flatMap((line) => rowAt.get(line) ?? []),
        prepared,
      });
      await scope.db
        .updateTable("asset_imports")
        .set((eb) => ({
          processed_rows: end,
          imported_rows: eb("imported_rows", "+", batch.imported),
          created_rows: eb("created_rows", "+", batch.created ?? 0),
          updated_rows: eb("updated_rows", "+", batch.updated ?? 0),
          unchanged_rows: eb("unchanged_rows", "+", batch.unchanged ?? 0),
        }))
        .where("id", "=", current.id)
        .execute();
      await appendProblems(
        scope.db,
        { tenantId: run.tenantId, importId: run.importId, generation: source.validation_generation },
        [...staleProblems(stale), ...batch.problems],
      );
      return batch.imported;
    });
    if (written === null) return { imported, stopped: true };
    imported += written;
    // PGlite answers in microtasks: let other requests in between two batches.
    await yieldToEventLoop();
  }
  return { imported, stopped: false };
}
