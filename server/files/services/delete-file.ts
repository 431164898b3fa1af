import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { historyRefs } from "../owners";
import { liveFile, ownerOf } from "../queries";
import type { DeleteFileInput } from "../schemas";

/**
 * Deletes a file with the reason recorded. The row stays (deleted, with who and why) for the
 * audit trail; the stored bytes are removed after commit by the purge-deleted-file function, or
 * by the next sweep if that fails.
 */
export async function deleteFile(scope: TenantScope, input: DeleteFileInput) {
  const file = await liveFile(scope.db, scope.tenantId, input.id, { lock: true });
  await markDeleted(scope, file, input.reason);
  return { id: file.id };
}

/** Marks a locked, live file deleted and records file.deleted: shared with the orphan sweep. */
export async function markDeleted(
  scope: TenantScope,
  file: Parameters<typeof ownerOf>[0] & { id: string; name: string; purpose: string },
  reason: string,
): Promise<void> {
  await scope.db
    .updateTable("files")
    .set({
      status: "deleted",
      delete_reason: reason,
      deleted_by_label: scope.actor.label,
      deleted_at: new Date(),
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", file.id)
    .execute();
  const owner = ownerOf(file);
  await emit(scope, {
    name: "file.deleted",
    entityId: file.id,
    data: { name: file.name, purpose: file.purpose, attachedTo: owner, ...historyRefs(owner), reason },
  });
}
