import { createHash, randomUUID } from "node:crypto";
import type { TenantScope } from "../../context";
import { type Db, withTenant } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { logger } from "../../logger";
import { checkContent } from "../content-type";
import type { OwnerRef } from "../owners";
import { type FilePurpose, formatBytes, kindInfo } from "../purposes";
import { fileColumns, storageUsage, toListItem } from "../queries";
import { FILE_NAME_MAX } from "../schemas";
import type { FileStorage } from "../storage";
import { assertPurposeFor, attachFiles } from "./attach-files";

/** A tenant scope holding no transaction: the upload opens short ones around the storage write. */
export type PoolScope = Omit<TenantScope, "db"> & { db: Db };

export type UploadFileInput = { purpose: FilePurpose; name: string; body: Blob; owner?: OwnerRef };

/** The name as sent, made safe to show and download: no folders, no control characters, capped. */
export function cleanFileName(raw: string, kind: keyof typeof kindInfo): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const cleaned = Array.from(base.replace(/\p{Cc}/gu, "").trim())
    .slice(0, FILE_NAME_MAX)
    .join("")
    .trim();
  return cleaned || `upload${kindInfo[kind].extensions[0]}`;
}

async function sha256Of(body: Blob): Promise<string> {
  const hash = createHash("sha256");
  const reader = body.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) hash.update(chunk.value);
  return hash.digest("hex");
}

/** Refuses an upload that would take the tenant past its storage quota. */
async function assertWithinQuota(db: TenantScope["db"], tenantId: string, size: number): Promise<void> {
  const { usedBytes, quotaBytes } = await storageUsage(db, tenantId);
  if (usedBytes + size <= quotaBytes) return;
  throw new AppError(
    "UNPROCESSABLE",
    `This file (${formatBytes(size)}) would take the organization over its ${formatBytes(quotaBytes)} storage quota (${formatBytes(usedBytes)} used). Delete files you no longer need first.`,
  );
}

/**
 * Stores an upload, then records it: the content is checked first (kind from its bytes, size,
 * quota), the bytes go to storage outside any transaction (a slow upload to UploadThing holds no
 * connection), then the row and file.uploaded commit in one short transaction that re-checks the
 * quota under the tenant's lock, so two uploads at once cannot both pass it. With an owner, the
 * file is attached in that same transaction. Should the row not commit, the object is removed at
 * once; a crash in between leaves an object with no row, which the sweep removes.
 */
export async function uploadFile(scope: PoolScope, storage: FileStorage, input: UploadFileInput) {
  if (input.owner) assertPurposeFor(input.purpose, input.owner.type);
  const kind = await checkContent(input.purpose, input.body);
  const size = input.body.size;
  await withTenant(scope.db, scope.tenantId, (trx) => assertWithinQuota(trx, scope.tenantId, size));

  const fileId = randomUUID();
  const name = cleanFileName(input.name, kind);
  const contentType = kindInfo[kind].mime;
  const sha256 = await sha256Of(input.body);
  const { key } = await storage.put({
    tenantId: scope.tenantId,
    fileId,
    name,
    contentType,
    body: input.body,
  });

  try {
    return await withTenant(scope.db, scope.tenantId, async (trx) => {
      const txScope: TenantScope = { ...scope, db: trx };
      await trx.selectFrom("tenants").select("id").where("id", "=", scope.tenantId).forUpdate().execute();
      await assertWithinQuota(trx, scope.tenantId, size);
      const row = await trx
        .insertInto("files")
        .values({
          id: fileId,
          tenant_id: scope.tenantId,
          purpose: input.purpose,
          name,
          content_type: contentType,
          size,
          sha256,
          storage: storage.name,
          storage_key: key,
          uploaded_by_type: scope.actor.type,
          uploaded_by_id: scope.actor.id,
          uploaded_by_label: scope.actor.label,
        })
        .returning(fileColumns)
        .executeTakeFirstOrThrow();
      await emit(txScope, {
        name: "file.uploaded",
        entityId: fileId,
        data: { name, purpose: input.purpose, size, contentType },
      });
      if (!input.owner) return toListItem(row);
      const [attached] = await attachFiles(txScope, { fileIds: [fileId], owner: input.owner });
      if (!attached) throw new AppError("INTERNAL", "The upload was stored but not attached.");
      return attached;
    });
  } catch (error) {
    await storage.delete([key]).catch((cleanup) => {
      logger.warn("upload cleanup failed; the sweep removes the object", { key, error: cleanup });
    });
    throw error;
  }
}
