import type { TenantScope } from "../../context";
import type { FileStorage } from "../storage";

/**
 * Removes a deleted file's bytes from storage and records when. Run after the deletion has
 * committed (by the purge-deleted-file function): a rolled-back deletion never loses its bytes.
 * Returns false when there is nothing to do (already purged, or stored where this server does not
 * look), so a repeated event is harmless.
 */
export async function purgeFile(scope: TenantScope, storage: FileStorage, fileId: string): Promise<boolean> {
  const file = await scope.db
    .selectFrom("files")
    .select(["id", "storage_key"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", fileId)
    .where("status", "=", "deleted")
    .where("purged_at", "is", null)
    .where("storage", "=", storage.name)
    .forUpdate()
    .executeTakeFirst();
  if (!file) return false;
  await storage.delete([file.storage_key]);
  await scope.db
    .updateTable("files")
    .set({ purged_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", file.id)
    .execute();
  return true;
}
