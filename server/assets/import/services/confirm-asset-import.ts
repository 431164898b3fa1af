import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { getImport, lockImport } from "../queries";
import { ConfirmAssetImportInput, type ImportKind, type ImportMode } from "../schemas";

/**
 * Marks a validated import of any kind as importing in `mode`, refusing one whose dry run has not
 * run or found no valid row; the caller emits the event its import function starts on. Answers
 * the import's row as it was.
 */
export async function startImportRun(
  scope: TenantScope,
  input: { importId: string; mode: ImportMode },
  kind: ImportKind,
  refuse?: (current: { total_rows: number; valid_rows: number }) => string | null,
) {
  const current = await lockImport(scope.db, scope.tenantId, input.importId, kind);
  if (current.status !== "validated") {
    throw new AppError(
      "CONFLICT",
      current.status === "uploaded"
        ? "Run the dry run first: it checks every row before anything is written."
        : `This import is already ${current.status}.`,
    );
  }
  if (current.valid_rows === 0)
    throw new AppError("UNPROCESSABLE", "No row is valid; there is nothing to import.");
  const refusal = refuse?.(current);
  if (refusal) throw new AppError("UNPROCESSABLE", refusal);
  await scope.db
    .updateTable("asset_imports")
    .set({ status: "importing", mode: input.mode, processed_rows: 0, imported_rows: 0, error: null })
    .where("id", "=", current.id)
    .execute();
  return current;
}

/**
 * Starts writing a validated import. The import-assets function does the work (triggered by the
 * asset_import.confirmed event committed here), so a large file survives a restart and the page
 * follows its progress. "all_or_nothing" is refused at once when the dry run found problems.
 */
export async function confirmAssetImport(scope: TenantScope, raw: ConfirmAssetImportInput) {
  const input = ConfirmAssetImportInput.parse(raw);
  const current = await startImportRun(scope, input, "assets", ({ total_rows, valid_rows }) => {
    const rejected = total_rows - valid_rows;
    if (input.mode !== "all_or_nothing" || rejected === 0) return null;
    return `${rejected} ${rejected === 1 ? "row has" : "rows have"} problems, so "all or nothing" would import nothing. Fix the file, or import only the valid rows.`;
  });
  await emit(scope, {
    name: "asset_import.confirmed",
    entityId: current.id,
    data: {
      fileName: current.file_name,
      mode: input.mode,
      totalRows: current.total_rows,
      validRows: current.valid_rows,
    },
  });
  return getImport(scope.db, scope.tenantId, current.id);
}
