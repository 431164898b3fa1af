import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { getImport, lockImport } from "../queries";
import { ConfirmAssetImportInput } from "../schemas";

/**
 * Starts writing a validated import. The import-assets function does the work (triggered by the
 * asset_import.confirmed event committed here), so a large file survives a restart and the page
 * follows its progress. "all_or_nothing" is refused at once when the dry run found problems.
 */
export async function confirmAssetImport(scope: TenantScope, raw: ConfirmAssetImportInput) {
  const input = ConfirmAssetImportInput.parse(raw);
  const current = await lockImport(scope.db, scope.tenantId, input.importId);
  if (current.status !== "validated") {
    throw new AppError(
      "CONFLICT",
      current.status === "uploaded"
        ? "Run the dry run first: it checks every row before anything is written."
        : `This import is already ${current.status}.`,
    );
  }
  const rejected = current.total_rows - current.valid_rows;
  if (current.valid_rows === 0)
    throw new AppError("UNPROCESSABLE", "No row is valid; there is nothing to import.");
  if (input.mode === "all_or_nothing" && rejected > 0) {
    throw new AppError(
      "UNPROCESSABLE",
      `${rejected} ${rejected === 1 ? "row has" : "rows have"} problems, so "all or nothing" would import nothing. Fix the file, or import only the valid rows.`,
    );
  }
  await scope.db
    .updateTable("asset_imports")
    .set({ status: "importing", mode: input.mode, processed_rows: 0, imported_rows: 0, error: null })
    .where("id", "=", current.id)
    .execute();
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
