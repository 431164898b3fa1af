import { z } from "zod";
import { id, safeString, text } from "../schemas/primitives";
import { filePurposes, ownerTypes } from "./purposes";

export const FILE_NAME_MAX = 200;
/** A file's name as shown and downloaded: no path separators, so it never names a folder. */
export const fileName = text({ max: FILE_NAME_MAX }).refine((value) => !/[\\/]/.test(value), {
  error: 'must not contain "/" or "\\"',
});

export const OwnerRef = z.object({ type: z.enum(ownerTypes), id: id() });
export type OwnerRefInput = z.infer<typeof OwnerRef>;

export const ListFilesInput = z.object({ owner: OwnerRef });
export type ListFilesInput = z.infer<typeof ListFilesInput>;

export const AttachFilesInput = z.object({
  fileIds: z.array(id()).min(1, "Choose at least one file").max(20, "Attach at most 20 files at once"),
  owner: OwnerRef,
});
export type AttachFilesInput = z.infer<typeof AttachFilesInput>;

export const RenameFileInput = z.object({ id: id(), name: fileName });
export type RenameFileInput = z.infer<typeof RenameFileInput>;

export const DeleteFileInput = z.object({
  id: id(),
  reason: safeString({ multiline: true })
    .trim()
    .min(3, "Say why the file is deleted (at least 3 characters)")
    .max(500),
});
export type DeleteFileInput = z.infer<typeof DeleteFileInput>;

export const FileIdParams = z.object({ id: id() });

/** The form fields of an upload (the file itself is checked from its content, not here). */
export const UploadFields = z
  .object({
    purpose: z.enum(filePurposes, { error: `must be one of ${filePurposes.join(", ")}` }),
    ownerType: z.enum(ownerTypes).optional(),
    ownerId: id().optional(),
  })
  .refine((value) => (value.ownerType === undefined) === (value.ownerId === undefined), {
    error: "send ownerType and ownerId together, or neither",
    path: ["ownerId"],
  });
export type UploadFields = z.infer<typeof UploadFields>;

export const FileListItem = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.enum(filePurposes),
  contentType: z.string(),
  size: z.number(),
  status: z.enum(["pending", "attached"]),
  owner: z.object({ type: z.enum(ownerTypes), id: z.string() }).nullable(),
  uploadedBy: z.string(),
  createdAt: z.date(),
  preview: z.enum(["image", "pdf"]).nullable(),
  urls: z.object({ download: z.string(), preview: z.string().nullable(), thumbnail: z.string().nullable() }),
});
export type FileListItem = z.infer<typeof FileListItem>;

const bytes = z.number().int().nonnegative();
export const FileUsage = z.object({
  usedBytes: bytes,
  quotaBytes: bytes,
  files: z.number().int().nonnegative(),
});
