"use client";

import { Download, Eye, Pencil, Trash2 } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatBytes } from "@/server/files/purposes";
import { DeleteFileDialog, RenameFileDialog } from "./file-dialogs";
import { FileIcon } from "./file-icon";
import { FilePreviewDialog } from "./file-preview-dialog";
import { type FileItem, purposeNames } from "./file-types";

type OpenDialog = { kind: "preview" | "rename" | "delete"; file: FileItem } | null;

/**
 * An owner's files: a thumbnail or a type icon, the name (a download), what it is, its size,
 * who uploaded it and when. Images and PDFs preview in a dialog (a PDF in the browser's own viewer,
 * framed); renaming and deleting only with `canManage`.
 */
export function FileList({
  files,
  label,
  canManage,
  onChanged,
}: {
  files: FileItem[];
  label: string;
  canManage: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const [open, setOpen] = useState<OpenDialog>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Table aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHead className="w-16">
              <span className="sr-only">Preview</span>
            </TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Kind</TableHead>
            <TableHead className="text-right">Size</TableHead>
            <TableHead>Uploaded by</TableHead>
            <TableHead>Uploaded</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {files.map((file) => (
            <TableRow key={file.id}>
              <TableCell>
                <FileThumbnail file={file} onPreview={() => setOpen({ kind: "preview", file })} />
              </TableCell>
              <TableCell className="max-w-64 whitespace-normal break-words">
                <a
                  href={file.urls.download}
                  download
                  className="font-medium underline-offset-4 hover:underline"
                >
                  {file.name}
                </a>
              </TableCell>
              <TableCell>{purposeNames[file.purpose]}</TableCell>
              <TableCell className="text-right tabular-nums">{formatBytes(file.size)}</TableCell>
              <TableCell className="max-w-48 truncate" title={file.uploadedBy}>
                {file.uploadedBy}
              </TableCell>
              <TableCell>
                <DateTime value={file.createdAt} />
              </TableCell>
              <TableCell>
                <FileActions
                  file={file}
                  canManage={canManage}
                  onPreview={() => setOpen({ kind: "preview", file })}
                  onRename={() => setOpen({ kind: "rename", file })}
                  onDelete={() => setOpen({ kind: "delete", file })}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {open?.kind === "preview" ? <FilePreviewDialog file={open.file} onClose={close} /> : null}
      {open?.kind === "rename" ? (
        <RenameFileDialog file={open.file} onClose={close} onChanged={onChanged} />
      ) : null}
      {open?.kind === "delete" ? (
        <DeleteFileDialog file={open.file} onClose={close} onChanged={onChanged} />
      ) : null}
    </>
  );
}

/**
 * The server-made thumbnail of an image (a button that opens it larger), else the type's icon; a
 * PDF's icon opens its preview too.
 */
function FileThumbnail({ file, onPreview }: { file: FileItem; onPreview: () => void }) {
  const icon = <FileIcon contentType={file.contentType} className="size-8 text-muted-foreground" />;
  if (file.preview === "pdf" && file.urls.preview) {
    // A larger target for the pointer only: keyboards and screen readers reach the same preview
    // through the row's Preview button, so the row has one stop per action, not two alike.
    return (
      <button type="button" tabIndex={-1} aria-hidden onClick={onPreview} className="block rounded-md">
        {icon}
      </button>
    );
  }
  if (!file.urls.thumbnail) return icon;
  return (
    <button
      type="button"
      onClick={onPreview}
      aria-label={`Preview ${file.name}`}
      className="block size-12 overflow-hidden rounded-md border outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      {/* biome-ignore lint/performance/noImgElement: a tenant-checked route, not a static asset next/image could optimise */}
      <img
        src={file.urls.thumbnail}
        alt={`Thumbnail of ${file.name}`}
        className="size-full object-cover"
        loading="lazy"
      />
    </button>
  );
}

/**
 * A PDF's preview (an image's is its thumbnail), the download, and for those who manage the owner,
 * rename and delete; each names its file.
 */
function FileActions({
  file,
  canManage,
  onPreview,
  onRename,
  onDelete,
}: {
  file: FileItem;
  canManage: boolean;
  onPreview: () => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="flex justify-end gap-1">
      {file.preview === "pdf" && file.urls.preview ? (
        <Button variant="ghost" size="icon" aria-label={`Preview ${file.name}`} onClick={onPreview}>
          <Eye aria-hidden />
        </Button>
      ) : null}
      <Button variant="ghost" size="icon" asChild>
        <a href={file.urls.download} download aria-label={`Download ${file.name}`}>
          <Download aria-hidden />
        </a>
      </Button>
      {canManage ? (
        <>
          <Button variant="ghost" size="icon" aria-label={`Rename ${file.name}`} onClick={onRename}>
            <Pencil aria-hidden />
          </Button>
          <Button variant="ghost" size="icon" aria-label={`Delete ${file.name}`} onClick={onDelete}>
            <Trash2 aria-hidden />
          </Button>
        </>
      ) : null}
    </div>
  );
}
