import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { getImport, lockImport } from "../queries";
import { AssetImportIdInput, type ImportKind, type ImportMode } from "../schemas";

/** How an import's rows are named, and undone by hand once it can no longer be cancelled. */
export type CancelWording = { rowsNoun: string; undo: string };

const refusals = (wording: CancelWording): Record<string, string> => ({
  completed: `This import has already completed, so it can no longer be cancelled. ${wording.undo}`,
  failed: "This import has already failed, so there is nothing left to cancel.",
  cancelled: "This import has already been cancelled.",
});

export type ImportState = {
  id: string;
  file_name: string;
  status: string;
  mode: string | null;
  imported_rows: number;
};

async function emitCancelled(scope: TenantScope, state: ImportState) {
  // Before the confirmation no mode is chosen; an all_or_nothing run keeps nothing.
  const mode: ImportMode | null =
    state.status !== "importing" ? null : state.mode === "all_or_nothing" ? "all_or_nothing" : "valid_only";
  await emit(scope, {
    name: "asset_import.cancelled",
    entityId: state.id,
    data: {
      fileName: state.file_name,
      stage: state.status as "uploaded" | "validating" | "validated" | "importing",
      mode,
      imported: mode === "valid_only" ? state.imported_rows : 0,
    },
  });
}

/**
 * Marks an import of any kind that has not finished as cancelled: during the dry run (nothing is
 * written yet) or while its function writes it; the function checks before each batch and stops
 * there. Each batch locks the import's row, as this does, so the cancel waits for at most one
 * batch. Answers the import as it was, for the caller's event.
 */
export async function stopImport(
  scope: TenantScope,
  importId: string,
  kind: ImportKind,
  wording: CancelWording,
): Promise<ImportState> {
  const current = await lockImport(scope.db, scope.tenantId, importId, kind);
  if (
    current.status !== "uploaded" &&
    current.status !== "validating" &&
    current.status !== "validated" &&
    current.status !== "importing"
  ) {
    throw new AppError(
      "CONFLICT",
      refusals(wording)[current.status] ?? `This import is ${current.status}; it cannot be cancelled.`,
    );
  }
  if (current.status === "importing" && current.publishing) {
    throw new AppError(
      "CONFLICT",
      `Every row is written and the ${wording.rowsNoun} are being made visible, so the import can no longer be cancelled. ${wording.undo}`,
    );
  }
  await scope.db
    .updateTable("asset_imports")
    .set({
      status: "cancelled",
      finished_at: new Date(),
      // an all_or_nothing run's hidden rows are deleted: none of them counts
      ...(current.mode === "all_or_nothing" ? { processed_rows: 0, imported_rows: 0 } : {}),
    })
    .where("id", "=", current.id)
    .execute();
  return current;
}

/**
 * Stops an asset import that has not finished. "valid_only" keeps the batches already written
 * (`imported_rows` is exactly what stays). "all_or_nothing" has written only hidden rows, which
 * the import-assets function deletes when it sees the cancel, so nothing stays; once it publishes
 * them it can no longer be cancelled.
 */
export async function cancelAssetImport(scope: TenantScope, raw: { importId: string }) {
  const input = AssetImportIdInput.parse(raw);
  const current = await stopImport(scope, input.importId, "assets", {
    rowsNoun: "assets",
    undo: "Retire the assets it wrote if they should not be there.",
  });
  await emitCancelled(scope, current);
  return getImport(scope.db, scope.tenantId, current.id);
}
