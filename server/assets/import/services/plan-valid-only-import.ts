import { type Db, withTenant } from "../../../db";
import { prepareImport } from "../prepare";
import { lockImport } from "../queries";
import { type ImportRun, STEP_ROWS } from "../run";

/**
 * "valid_only", before writing: validates every row again (the data may have changed since the
 * dry run) and records which rows will be written; each step then writes STEP_ROWS of them.
 * Once writing has begun the plan is not redone, so a resumed run keeps the same rows.
 */
export async function planValidOnlyImport(
  db: Db,
  run: ImportRun,
): Promise<{ steps: number; validRows: number }> {
  return withTenant(db, run.tenantId, async (trx) => {
    const current = await lockImport(trx, run.tenantId, run.importId);
    if (current.status !== "importing") return { steps: 0, validRows: 0 };
    if (current.processed_rows === 0) {
      const prepared = await prepareImport(trx, run.tenantId, current, { checkExisting: true });
      await trx
        .updateTable("asset_imports")
        .set({ valid_rows: prepared.rows.length, problems: JSON.stringify(prepared.problems) })
        .where("id", "=", current.id)
        .execute();
      return { steps: Math.ceil(prepared.rows.length / STEP_ROWS), validRows: prepared.rows.length };
    }
    return { steps: Math.ceil(current.valid_rows / STEP_ROWS), validRows: current.valid_rows };
  });
}
