import type { TenantScope } from "../../context";
import { type Db, withPlatform } from "../../db";
import { expiredUploads, objectsWithRows, unpurgedFiles } from "../queries";
import type { FileStorage } from "../storage";
import type { ListedObject } from "../storage/storage";
import { markDeleted } from "./delete-file";

/** How long an upload may stay unattached before the sweep deletes it. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How old a stored object with no row must be before it counts as a stray: an upload in flight
 * writes its object before its row, so a younger object may just be waiting for its commit.
 */
export const STRAY_GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

export const EXPIRED_REASON = "Never attached within 24 hours of upload";

/** Deletes a tenant's uploads never attached within 24 h (file.deleted each, by the system). */
export async function expirePendingUploads(scope: TenantScope, now: Date): Promise<number> {
  const files = await expiredUploads(scope.db, scope.tenantId, new Date(now.getTime() - PENDING_TTL_MS));
  for (const file of files) await markDeleted(scope, file, EXPIRED_REASON);
  return files.length;
}

/**
 * Removes the stored bytes of deleted files (normally done at once by purge-deleted-file; this
 * catches what failed), then records them purged. Bytes first: a crash between leaves a row to
 * purge again, and deleting a missing object is no error.
 */
export async function purgeDeletedFiles(db: Db, storage: FileStorage): Promise<number> {
  let purged = 0;
  for (;;) {
    const rows = await withPlatform(db, (trx) => unpurgedFiles(trx, storage.name, BATCH));
    if (rows.length === 0) return purged;
    await storage.delete(rows.map((row) => row.storage_key));
    await withPlatform(db, (trx) =>
      trx
        .updateTable("files")
        .set({ purged_at: new Date() })
        .where(
          "id",
          "in",
          rows.map((row) => row.id),
        )
        .execute(),
    );
    purged += rows.length;
    if (rows.length < BATCH) return purged;
  }
}

/**
 * Removes stored objects that have no metadata row: what a crash between the storage write and
 * the row's commit leaves (and partial local writes). Only objects named for one of our tenants
 * are considered, so nothing else in a shared UploadThing app is touched.
 */
export async function removeStrayObjects(db: Db, storage: FileStorage, now: Date): Promise<number> {
  const cutoff = now.getTime() - STRAY_GRACE_MS;
  let removed = 0;
  let batch: Array<ListedObject & { tenantId: string }> = [];
  const flush = async () => {
    const known = await withPlatform(db, (trx) => objectsWithRows(trx, storage.name, batch));
    const strays = batch.filter((object) => !known.has(`${object.tenantId}/${object.key}`));
    await storage.delete(strays.map((object) => object.key));
    removed += strays.length;
    batch = [];
  };
  for await (const object of storage.list()) {
    if (object.tenantId === null || object.uploadedAt.getTime() > cutoff) continue;
    batch.push({ ...object, tenantId: object.tenantId });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return removed;
}
