import type { TenantContext } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { announceImportCancel } from "../cancel-signal";
import { getImport, lockImport } from "../queries";
import { AssetImportIdInput, type ImportMode } from "../schemas";

const refusals: Record<string, string> = {
  completed:
    "This import has already completed, so it can no longer be cancelled. Retire the assets it wrote if they should not be there.",
  failed: "This import has already failed, so there is nothing left to cancel.",
  cancelled: "This import has already been cancelled.",
};

type ImportState = {
  id: string;
  file_name: string;
  status: string;
  mode: string | null;
  imported_rows: number;
};

async function emitCancelled(ctx: TenantContext, state: ImportState) {
  // Before the confirmation no mode is chosen; an all_or_nothing run keeps nothing.
  const mode: ImportMode | null =
    state.status !== "importing" ? null : state.mode === "all_or_nothing" ? "all_or_nothing" : "valid_only";
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "asset_import.cancelled",
    actor: ctx.actor,
    entityId: state.id,
    data: {
      fileName: state.file_name,
      stage: state.status as "uploaded" | "validated" | "importing",
      mode,
      imported: mode === "valid_only" ? state.imported_rows : 0,
    },
  });
}

/**
 * Stops an import that has not finished: during the dry run (nothing is written yet) or while
 * the import-assets function writes it; the function checks before each batch and stops there.
 * "valid_only" keeps the batches already written: each batch locks the import's row, as this
 * does, so the cancel waits for a batch in flight and `imported_rows` is exactly what stays.
 * "all_or_nothing" rolls its one transaction back, so nothing stays; see cancel-signal.ts for how
 * it learns of the cancel, and why this then emits before locking the row: that run holds the
 * event chain head until it ends, and its progress updates need the row.
 */
export async function cancelAssetImport(ctx: TenantContext, raw: { importId: string }) {
  const input = AssetImportIdInput.parse(raw);
  await announceImportCancel(ctx.db, input.importId);
  const seen = await ctx.db
    .selectFrom("asset_imports")
    .select(["id", "file_name", "status", "mode", "imported_rows"])
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", input.importId)
    .executeTakeFirst();
  if (!seen) throw new AppError("NOT_FOUND", "That import does not exist in this organization.");
  const writingAllOrNothing = seen.status === "importing" && seen.mode === "all_or_nothing";
  // Waits here until the run has rolled back; if it committed first, the check below refuses.
  if (writingAllOrNothing) await emitCancelled(ctx, seen);

  const current = await lockImport(ctx.db, ctx.tenantId, input.importId);
  if (current.status !== "uploaded" && current.status !== "validated" && current.status !== "importing") {
    throw new AppError(
      "CONFLICT",
      refusals[current.status] ?? `This import is ${current.status}; it cannot be cancelled.`,
    );
  }
  await ctx.db
    .updateTable("asset_imports")
    .set({
      status: "cancelled",
      finished_at: new Date(),
      // an all_or_nothing run's progress counted rows that were rolled back
      ...(current.mode === "all_or_nothing" ? { processed_rows: 0, imported_rows: 0 } : {}),
    })
    .where("id", "=", current.id)
    .execute();
  if (!writingAllOrNothing) await emitCancelled(ctx, current);
  return getImport(ctx.db, ctx.tenantId, current.id);
}
