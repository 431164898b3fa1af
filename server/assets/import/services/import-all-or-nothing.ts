import { type Db, type Trx, withTenant } from "../../../db";
import { importCancelUnderWay, waitForImportCancel } from "../cancel-signal";
import { insertImportBatch } from "../insert-batch";
import { prepareImport } from "../prepare";
import { BATCH_ROWS, type ImportOutcome, type ImportRun } from "../run";
import type { RowProblem } from "../validate-rows";
import { finishAssetImport } from "./finish-asset-import";

class Rejected extends Error {
  constructor(readonly problems: RowProblem[]) {
    super("import rejected");
  }
}

/** The import's status as this transaction sees it. */
const importStatus = (trx: Trx, run: ImportRun) =>
  trx
    .selectFrom("asset_imports")
    .select("status")
    .where("tenant_id", "=", run.tenantId)
    .where("id", "=", run.importId)
    .executeTakeFirstOrThrow()
    .then((row) => row.status);

/** Thrown to roll the import's transaction back when it has been cancelled. */
class Cancelled extends Error {}

/**
 * Throws Cancelled when the import was cancelled (committed before this transaction's first batch
 * took the event chain head; read committed sees it) or a cancel is under way (waiting for that
 * head: cancel-signal.ts). A cancel that comes after the last check waits for the commit and is
 * then refused: the import has completed.
 */
async function assertNotCancelled(trx: Trx, run: ImportRun) {
  const status = await importStatus(trx, run);
  if (status === "cancelled" || (await importCancelUnderWay(trx, run.importId))) throw new Cancelled();
}

/** After rolling back for a cancel: the outcome once that cancel has ended (it may have failed). */
async function cancelledOutcome(db: Db, run: ImportRun): Promise<ImportOutcome> {
  return withTenant(db, run.tenantId, async (trx) => {
    await waitForImportCancel(trx, run.importId);
    const status = await importStatus(trx, run);
    // The cancel did not go through: the step fails and its retry writes the import again.
    if (status === "importing")
      throw new Error(`import ${run.importId}: a cancel was announced but not made`);
    return { status: status === "cancelled" ? "cancelled" : "skipped", imported: 0, problems: 0 };
  });
}

const rejection = (problems: readonly RowProblem[]) => {
  const lines = new Set(problems.map((problem) => problem.line));
  return `${lines.size} ${lines.size === 1 ? "row has" : "rows have"} problems, so nothing was imported.`;
};

/**
 * "all_or_nothing": every row is validated again and written in ONE transaction, so a single bad
 * row (or a tag taken meanwhile) leaves no asset, history entry or event behind; the import is
 * then marked failed with its problems. On PostgreSQL the progress is written from a second
 * connection as each batch goes in (the import's own transaction commits only at the end);
 * PGlite has one connection, so there the bar jumps to the end at commit.
 *
 * A cancel is looked for before each batch and before the commit; the transaction then rolls
 * back, so a cancelled all_or_nothing import leaves nothing. (On PGlite the cancel request waits
 * for the one connection, so it arrives after the commit and is refused.)
 */
export async function importAllOrNothing(
  db: Db,
  run: ImportRun,
  options: { progressConnection: boolean },
): Promise<ImportOutcome> {
  const reportProgress = async (processed: number) => {
    if (!options.progressConnection) return;
    await withTenant(db, run.tenantId, (trx) =>
      trx
        .updateTable("asset_imports")
        .set({ processed_rows: processed })
        .where("id", "=", run.importId)
        .execute(),
    );
  };
  try {
    return await withTenant(db, run.tenantId, async (trx) => {
      // Read without a lock: the progress updates above must not wait for this transaction.
      const current = await trx
        .selectFrom("asset_imports")
        .select(["status", "content", "delimiter", "mapping"])
        .where("tenant_id", "=", run.tenantId)
        .where("id", "=", run.importId)
        .executeTakeFirstOrThrow();
      if (current.status === "cancelled") return { status: "cancelled", imported: 0, problems: 0 };
      if (current.status !== "importing") return { status: "skipped", imported: 0, problems: 0 };
      const prepared = await prepareImport(trx, run.tenantId, current, { checkExisting: true });
      if (prepared.problems.length > 0) throw new Rejected(prepared.problems);
      let imported = 0;
      for (let start = 0; start < prepared.rows.length; start += BATCH_ROWS) {
        await assertNotCancelled(trx, run);
        const rows = prepared.rows.slice(start, start + BATCH_ROWS);
        const batch = await insertImportBatch(trx, { ...run, rows, fileTags: prepared.fileTags });
        if (batch.problems.length > 0) throw new Rejected(batch.problems);
        imported += batch.imported;
        await reportProgress(start + rows.length);
      }
      await assertNotCancelled(trx, run);
      await trx
        .updateTable("asset_imports")
        .set({
          processed_rows: prepared.rows.length,
          imported_rows: imported,
          valid_rows: prepared.rows.length,
        })
        .where("id", "=", run.importId)
        .execute();
      return finishAssetImport(trx, run, { outcome: "completed", problems: [] });
    });
  } catch (error) {
    if (error instanceof Cancelled) return cancelledOutcome(db, run);
    if (!(error instanceof Rejected)) throw error;
    return withTenant(db, run.tenantId, (trx) =>
      finishAssetImport(trx, run, {
        outcome: "failed",
        error: rejection(error.problems),
        problems: error.problems,
      }),
    );
  }
}
