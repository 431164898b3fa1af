"use client";

import { Download, ExternalLink } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import type { FileItem } from "./file-types";

/**
 * An image or PDF shown in the app, from the tenant-checked preview route: the image at the size
 * the dialog allows, the PDF in the browser's own viewer inside a frame (the route may be framed
 * by this origin only, server/http.ts previewResponse). The dialog itself takes focus on open,
 * where Radix would skip the links and focus the frame: keys pressed in the PDF viewer's document
 * never reach this page, so Escape would not close it. On close, focus returns to the button that
 * opened it (ui/dialog does that for every dialog).
 */
export function FilePreviewDialog({ file, onClose }: { file: FileItem; onClose: () => void }) {
  const url = file.urls.preview;
  const content = useRef<HTMLDivElement>(null);
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        ref={content}
        className={file.preview === "pdf" ? "sm:max-w-4xl" : "sm:max-w-3xl"}
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          content.current?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle className="break-words pr-6">{file.name}</DialogTitle>
          <DialogDescription>Uploaded by {file.uploadedBy}</DialogDescription>
        </DialogHeader>
        <div className="flex flex-wrap gap-2">
          {url ? (
            <Button variant="outline" size="sm" asChild>
              <a href={url} target="_blank" rel="noopener">
                <ExternalLink aria-hidden />
                Open in a new tab
              </a>
            </Button>
          ) : null}
          <Button variant="outline" size="sm" asChild>
            <a href={file.urls.download} download>
              <Download aria-hidden />
              Download
            </a>
          </Button>
        </div>
        {url && file.preview === "pdf" ? (
          <iframe
            src={url}
            title={`Preview of ${file.name}`}
            className="h-[70vh] w-full rounded-md border bg-muted"
          />
        ) : null}
        {url && file.preview === "image" ? (
          // biome-ignore lint/performance/noImgElement: a tenant-checked route, not a static asset next/image could optimise
          <img src={url} alt={file.name} className="max-h-[70vh] w-full rounded-md object-contain" />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
