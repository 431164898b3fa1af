import { sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";
import type { OwnerRef } from "./owners";
import { type FilePurpose, type OwnerType, previewOf } from "./purposes";
import type { FileListItem } from "./schemas";

/** The columns a file's list item and its services read. */
export const fileColumns = [
  "id",
  "name",
  "purpose",
  "content_type",
  "size",
  "status",
  "owner_type",
  "owner_id",
  "uploaded_by_label",
  "created_at",
  "storage",
  "storage_key",
] as const;

export type FileRow = {
  id: string;
  name: string;
  purpose: string;
  content_type: string;
  size: number;
  status: string;
  owner_type: string | null;
  owner_id: string | null;
  uploaded_by_label: string;
  created_at: Date;
  storage: string;
  storage_key: string;
};

const NOT_FOUND_MESSAGE = "This file does not exist or was deleted.";

/** The URLs of a file's routes: tenant-checked handlers, never a storage URL. */
export function fileUrls(fileId: string, contentType: string): FileListItem["urls"] {
  const base = `/api/files/${fileId}`;
  const preview = previewOf(contentType);
  return {
    download: base,
    preview: preview ? `${base}/preview` : null,
    thumbnail: preview === "image" ? `${base}/thumbnail` : null,
  };
}

/** What a file belongs to, or null while it is pending. */
export function ownerOf(row: Pick<FileRow, "owner_type" | "owner_id">): OwnerRef | null {
  return row.owner_type && row.owner_id ? { type: row.owner_type as OwnerType, id: row.owner_id } : null;
}

export function toListItem(row: FileRow): FileListItem {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose as FilePurpose,
    contentType: row.content_type,
    size: row.size,
    status: row.status as FileListItem["status"],
    owner: ownerOf(row),
    uploadedBy: row.uploaded_by_label,
    createdAt: row.created_at,
    preview: previewOf(row.content_type),
    urls: fileUrls(row.id, row.content_type),
  };
}

/** A file that is not deleted, or NOT_FOUND. `lock` takes the row for a change. */
export async function liveFile(
  db: Executor,
  tenantId: string,
  fileId: string,
  options: { lock?: boolean } = {},
): Promise<FileRow> {
  let query = db
    .selectFrom("files")
    .select(fileColumns)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", fileId)
    .where("status", "<>", "deleted");
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return row;
}

/** An owner's attached files, newest first. */
export function listOwnerFiles(db: Executor, tenantId: string, owner: { type: string; id: string }) {
  return db
    .selectFrom("files")
    .select(fileColumns)
    .where("tenant_id", "=", tenantId)
    .where("owner_type", "=", owner.type)
    .where("owner_id", "=", owner.id)
    .where("status", "=", "attached")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** The tenant's storage use (attached and pending files) and its quota. */
export async function storageUsage(db: Executor, tenantId: string) {
  const usage = await db
    .selectFrom("files")
    .select([
      sql<number>`coalesce(sum(size), 0)::bigint`.as("usedBytes"),
      sql<number>`count(*)::int`.as("files"),
    ])
    .where("tenant_id", "=", tenantId)
    .where("status", "<>", "deleted")
    .executeTakeFirstOrThrow();
  const tenant = await db
    .selectFrom("tenants")
    .select("file_quota_bytes")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return {
    usedBytes: Number(usage.usedBytes),
    quotaBytes: Number(tenant.file_quota_bytes),
    files: usage.files,
  };
}

/** Platform: tenants with uploads still pending since before `before` (the sweep expires them). */
export async function tenantsWithExpiredUploads(db: Executor, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("files")
    .select("tenant_id")
    .distinct()
    .where("status", "=", "pending")
    .where("created_at", "<", before)
    .execute();
  return rows.map((row) => row.tenant_id);
}

/** A tenant's uploads still pending since before `before`. */
export function expiredUploads(db: Executor, tenantId: string, before: Date) {
  return db
    .selectFrom("files")
    .select(fileColumns)
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "pending")
    .where("created_at", "<", before)
    .forUpdate()
    .execute();
}

/** Platform: deleted files of one storage whose bytes are still stored, oldest first. */
export function unpurgedFiles(db: Executor, storage: string, limit: number) {
  return db
    .selectFrom("files")
    .select(["id", "tenant_id", "storage_key"])
    .where("status", "=", "deleted")
    .where("purged_at", "is", null)
    .where("storage", "=", storage)
    .orderBy("deleted_at")
    .limit(limit)
    .execute();
}

/** Platform: which of these stored objects have a metadata row, as "tenant/key". */
export async function objectsWithRows(
  db: Executor,
  storage: string,
  objects: ReadonlyArray<{ tenantId: string; key: string }>,
): Promise<Set<string>> {
  if (objects.length === 0) return new Set();
  const rows = await db
    .selectFrom("files")
    .select(["tenant_id", "storage_key"])
    .where("storage", "=", storage)
    .where((eb) =>
      eb.or(objects.map((o) => eb.and([eb("tenant_id", "=", o.tenantId), eb("storage_key", "=", o.key)]))),
    )
    .execute();
  return new Set(rows.map((row) => `${row.tenant_id}/${row.storage_key}`));
}
