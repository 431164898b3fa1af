import type { UserScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertCanRead, historyRefs } from "../owners";
import { type OwnerType, previewOf } from "../purposes";
import { type FileRow, liveFile, ownerOf } from "../queries";
import type { FileStorage } from "../storage";

/**
 * What the bytes are for: a download, a preview in the browser (images and PDFs), or a thumbnail
 * (images). Downloads and previews of personal files are audited; thumbnails, shown in lists
 * beside the file's name, are not.
 */
export type FileUse = "download" | "preview" | "thumbnail";

function assertShowable(file: FileRow, use: FileUse): void {
  const preview = previewOf(file.content_type);
  if (use === "preview" && !preview) {
    throw new AppError("UNPROCESSABLE", `${file.name} cannot be shown in the browser; download it instead.`);
  }
  if (use === "thumbnail" && preview !== "image") {
    throw new AppError("UNPROCESSABLE", `${file.name} is not an image, so it has no thumbnail.`);
  }
}

/** Owners whose files are personal: reading one is itself an event in the audit trail. */
const auditedReads: readonly OwnerType[] = ["employee"];

/**
 * A file the signed-in person may read, with its bytes: tenant and role checked (a file they may
 * not see is NOT_FOUND, as one that does not exist), and a download of an employee's document
 * recorded as file.downloaded (FileUse says when). The caller streams the bytes in its response.
 */
export async function openFile(
  scope: UserScope,
  storage: FileStorage,
  fileId: string,
  use: FileUse,
): Promise<{ file: FileRow; body: ReadableStream<Uint8Array> }> {
  const file = await liveFile(scope.db, scope.tenantId, fileId);
  const owner = ownerOf(file);
  assertCanRead(scope.user.role, owner?.type ?? null);
  assertShowable(file, use);
  if (file.storage !== storage.name) {
    throw new AppError(
      "NOT_FOUND",
      `This file was stored in ${file.storage === "local" ? "local disk storage" : "UploadThing"}, which this server no longer uses.`,
    );
  }
  // The event first: should reading the bytes fail, the transaction rolls back and with it the event.
  if (use !== "thumbnail" && owner && auditedReads.includes(owner.type)) {
    await emit(scope, {
      name: "file.downloaded",
      entityId: file.id,
      data: { name: file.name, purpose: file.purpose, attachedTo: owner, ...historyRefs(owner) },
    });
  }
  return { file, body: await storage.get(file.storage_key) };
}
