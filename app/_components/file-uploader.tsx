"use client";

import { FileUp, X } from "lucide-react";
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { Button } from "@/app/_components/ui/button";
import { Label } from "@/app/_components/ui/label";
import { cn } from "@/app/_lib/cn";
import { acceptAttribute, type FilePurpose, purposesFor } from "@/server/files/purposes";
import { type FileOwner, firstPurpose, purposeNames } from "./file-types";
import { limitsOf, type UploadedFile } from "./file-upload";
import { type Upload, useFileUploads } from "./file-uploads";

/** A screenshot from the clipboard arrives as "image.png"; it gets a name that says when it was taken. */
function screenshotFile(image: File, now = new Date()): File {
  const stamp = now.toISOString().slice(0, 19).replace("T", " ").replaceAll(":", ".");
  const extension = image.type === "image/jpeg" ? "jpg" : (image.type.split("/")[1] ?? "png");
  return new File([image], `Screenshot ${stamp}.${extension}`, { type: image.type });
}

/** Whether a paste is meant for a text field (the rename dialog, a search box) rather than the files. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * Adds files to an owner: pick what they are, then drop them on the zone, choose them with the
 * file dialog (the zone is a button), or, with `acceptPaste`, paste a screenshot anywhere on the
 * page. Each file travels on its own with a progress bar; screen readers hear each outcome.
 */
export function FileUploader({
  owner,
  acceptPaste = false,
  onUploaded,
}: {
  owner: FileOwner;
  acceptPaste?: boolean;
  onUploaded: (file: UploadedFile) => Promise<unknown>;
}) {
  const purposes = purposesFor[owner.type];
  const [purpose, setPurpose] = useState<FilePurpose>(firstPurpose[owner.type]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = { purpose: useId(), limits: useId() };
  const { uploads, announcement, start, dismiss } = useFileUploads(owner, onUploaded);

  useEffect(() => {
    if (!acceptPaste) return;
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const images = [...(event.clipboardData?.files ?? [])].filter((file) => file.type.startsWith("image/"));
      if (images.length === 0) return;
      event.preventDefault();
      start(
        images.map((image) => screenshotFile(image)),
        purpose,
      );
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, [acceptPaste, purpose, start]);

  const drop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files], purpose);
  };

  return (
    <div className="grid gap-3">
      <div className="grid max-w-xs gap-1.5">
        <Label htmlFor={ids.purpose}>Upload as</Label>
        <ChoiceSelect
          id={ids.purpose}
          value={purpose}
          onChange={(value) => setPurpose(value as FilePurpose)}
          choices={purposes.map((value) => ({ value, label: purposeNames[value] }))}
        />
      </div>
      <button
        type="button"
        aria-describedby={ids.limits}
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm outline-none transition-colors hover:bg-accent/40 focus-visible:ring-2 focus-visible:ring-ring [&>*]:pointer-events-none",
          dragging ? "border-primary bg-primary/5" : "border-border",
        )}
      >
        <FileUp aria-hidden className="size-7 text-muted-foreground" />
        <span className="font-medium">Drop files here or choose files</span>
        {/* Hidden from the button's name, read as its description instead. */}
        <span id={ids.limits} aria-hidden className="text-muted-foreground">
          {purposeNames[purpose]}: {limitsOf(purpose)}. Several at once are fine
          {acceptPaste ? "; you can also paste a screenshot" : ""}.
        </span>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        tabIndex={-1}
        aria-hidden
        accept={acceptAttribute(purpose)}
        className="sr-only"
        onChange={(event) => {
          start([...(event.target.files ?? [])], purpose);
          event.target.value = "";
        }}
      />
      {uploads.length > 0 ? <UploadList uploads={uploads} onDismiss={dismiss} /> : null}
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

/** The files on their way: a bar each, or the reason one was refused. */
function UploadList({ uploads, onDismiss }: { uploads: Upload[]; onDismiss: (key: string) => void }) {
  return (
    <ul aria-label="Uploads" className="grid gap-2">
      {uploads.map((upload) => (
        <li key={upload.key} className="grid gap-1 rounded-md border px-3 py-2 text-sm">
          <div className="flex items-center justify-between gap-2">
            <span className="min-w-0 truncate font-medium">{upload.name}</span>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              aria-label={`${upload.state === "failed" ? "Dismiss" : "Cancel"} ${upload.name}`}
              onClick={() => onDismiss(upload.key)}
            >
              <X aria-hidden />
            </Button>
          </div>
          {upload.state === "failed" ? (
            <p className="text-destructive">{upload.message}</p>
          ) : (
            <div
              role="progressbar"
              aria-label={`Uploading ${upload.name}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(upload.progress * 100)}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div
                className="h-full rounded-full bg-primary transition-[width]"
                style={{ width: `${Math.round(upload.progress * 100)}%` }}
              />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
