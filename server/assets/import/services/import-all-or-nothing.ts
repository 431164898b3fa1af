import type { TenantScope } from "../../../context";
import { type Db, withTenant } from "../../../db";
import { yieldToEventLoop } from "../../../heavy-jobs";
import { discardHiddenBatch, publishImportBatch, stageImportBatch } from "../insert-batch";
import { prepareImport } from "../prepare";
import { dropOtherReports, ProblemCollector, startReport } from "../problems";
import { importSource, lockImport } from "../queries";
import { batchRows, type ImportOutcome, type ImportRun } from "../run";
import type { ImportRow } from "../validate-rows";
import { finishAssetImport } from "./finish-asset-import";

const rejection = (lines: number) =>
  `${lines} ${lines === 1 ? "row has" : "rows have"} problems, so nothing was imported.`;

/** Deletes every hidden row of the import, a batch per short transaction. */
export async function discardHiddenRows(run: ImportRun): Promise<void> {
  for (;;) {
    const limit = await batchRows();
    const gone = await run.inTenant((scope) => discardHiddenBatch(scope.db, run, limit));
    if (gone === 0) return;
    await yieldToEventLoop();
  }
}

/**
 * Runs `write` for each batch of rows in its own transaction, with the import's row locked (a
 * cancel waits for at most one batch). Stops, answering false, once the import is no longer
 * running (cancelled).
 */
async function inBatches(
  run: ImportRun,
  rows: readonly ImportRow[],
  write: (scope: TenantScope, batch: ImportRow[], end: number) => Promise<void>,
): Promise<boolean> {
  const size = await batchRows();
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(start + size, rows.length);
    const running = await run.inTenant(async (scope) => {
      const current = await lockImport(scope.db, run.tenantId, run.importId);
      if (current.status !== "importing") return false;
      await write(scope, rows.slice(start, end), end);
      return true;
    });
    if (!running) return false;
    // PGlite answers in microtasks: without this, no other request would run until the last batch.
    await yieldToEventLoop();
  }
  return true;
}

/** The outcome once the import was cancelled: its hidden rows go, nothing of it stays. */
async function cancelled(run: ImportRun): Promise<ImportOutcome> {
  await discardHiddenRows(run);
  return { status: "cancelled", imported: 0, problems: 0 };
}

/**
 * "all_or_nothing": every row is validated again, then written in short batches hidden from
 * everyone but the import (assets.import_pending_id under row-level security), which takes their
 * tags and serials at once. A single bad row, a tag taken meanwhile or a cancel deletes the hidden
 * rows: no asset, history entry or event of the import remains, and the import is marked failed
 * (with its problems) or cancelled. Once every row is in, the import publishes them, a batch at a
 * time, each asset with its history entries and events; from then on it can no longer be
 * cancelled, and a retry carries on publishing.
 *
 * No transaction lasts longer than one batch, so other requests (other tenants' above all, on the
 * embedded database's single connection) go on between batches.
 */
export async function importAllOrNothing(db: Db, run: ImportRun): Promise<ImportOutcome> {
  const current = await withTenant(db, run.tenantId, (trx) => importSource(trx, run.tenantId, run.importId));
  if (current.status === "cancelled") return cancelled(run);
  if (current.status !== "importing") return { status: "skipped", imported: 0, problems: 0 };

  const report = {
    db,
    tenantId: run.tenantId,
    importId: run.importId,
    generation: current.validation_generation,
  };
  const problems = await startReport(report);
  const prepared = await prepareImport(db, run.tenantId, current, {
    // Publishing had begun: the rows were checked, and the published ones now exist.
    checkExisting: !current.publishing,
    ownImport: run.importId,
    problems,
  });
  const fail = async (summary = problems.summary, lines = problems.lines.size) => {
    await discardHiddenRows(run);
    return run.inTenant(async (scope) => {
      await dropOtherReports(scope.db, report);
      return finishAssetImport(scope, run.importId, {
        outcome: "failed",
        error: rejection(lines),
        problems: summary,
      });
    });
  };
  if (problems.summary.count > 0) return fail();

  if (!current.publishing) {
    const taken = new ProblemCollector(report);
    const staged = await inBatches(run, prepared.rows, async (scope, rows, end) => {
      const written = await stageImportBatch(scope, {
        importId: run.importId,
        rows,
        fileTags: prepared.fileTags,
      });
      for (const problem of written.problems) await taken.add(problem);
      await scope.db
        .updateTable("asset_imports")
        .set({ processed_rows: end })
        .where("id", "=", run.importId)
        .execute();
    });
    if (!staged) return cancelled(run);
    if (taken.summary.count > 0) {
      await taken.flush();
      return fail(taken.summary, taken.lines.size);
    }
    const publishing = await run.inTenant(async (scope) => {
      const row = await lockImport(scope.db, run.tenantId, run.importId);
      if (row.status !== "importing") return false;
      await scope.db
        .updateTable("asset_imports")
        .set({ publishing: true })
        .where("id", "=", run.importId)
        .execute();
      return true;
    });
    if (!publishing) return cancelled(run);
  }

  await inBatches(run, prepared.rows, async (scope, rows) => {
    const { published } = await publishImportBatch(scope, {
      importId: run.importId,
      rows,
      fileTags: prepared.fileTags,
    });
    await scope.db
      .updateTable("asset_imports")
      .set((eb) => ({ imported_rows: eb("imported_rows", "+", published) }))
      .where("id", "=", run.importId)
      .execute();
  });
  return run.inTenant(async (scope) => {
    await dropOtherReports(scope.db, report);
    await scope.db
      .updateTable("asset_imports")
      .set({ valid_rows: prepared.rows.length })
      .where("id", "=", run.importId)
      .execute();
    return finishAssetImport(scope, run.importId, {
      outcome: "completed",
      problems: { count: 0, byCode: {}, listed: [] },
    });
  });
}
