"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FilePurpose } from "@/server/files/purposes";
import type { FileOwner } from "./file-types";
import { sizeRefusal, type UploadedFile, uploadFile } from "./file-upload";

/** One file on its way: its progress while it travels, the server's refusal if it was refused. */
export type Upload = {
  key: string;
  name: string;
  progress: number;
  state: "uploading" | "failed";
  message?: string;
};

/**
 * Several uploads at once, each with its own progress, and a sentence for screen readers after
 * each start, completion and refusal. A finished upload leaves the list (the file is in the
 * table by then); a refused one stays, with its reason, until dismissed.
 */
export function useFileUploads(owner: FileOwner, onUploaded: (file: UploadedFile) => Promise<unknown>) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const aborts = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const pending = aborts.current;
    return () => {
      for (const controller of pending.values()) controller.abort();
    };
  }, []);

  const change = useCallback((key: string, patch: Partial<Upload>) => {
    setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, ...patch } : upload)));
  }, []);

  const sendOne = useCallback(
    async (file: File, purpose: FilePurpose, key: string) => {
      const controller = new AbortController();
      aborts.current.set(key, controller);
      try {
        const stored = await uploadFile({
          file,
          purpose,
          owner,
          signal: controller.signal,
          onProgress: (progress) => change(key, { progress }),
        });
        await onUploaded(stored);
        setUploads((current) => current.filter((upload) => upload.key !== key));
        setAnnouncement(`${file.name} uploaded.`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        change(key, { state: "failed", message });
        setAnnouncement(`${file.name} was not uploaded: ${message}`);
      } finally {
        aborts.current.delete(key);
      }
    },
    [owner, onUploaded, change],
  );

  const start = useCallback(
    (files: readonly File[], purpose: FilePurpose) => {
      if (files.length === 0) return;
      const batch = files.map((file) => ({
        file,
        key: crypto.randomUUID(),
        refusal: sizeRefusal(file, purpose),
      }));
      setUploads((current) => [
        ...current,
        ...batch.map(({ file, key, refusal }) => ({
          key,
          name: file.name,
          progress: 0,
          state: refusal ? ("failed" as const) : ("uploading" as const),
          message: refusal ?? undefined,
        })),
      ]);
      setAnnouncement(
        batch
          .map(({ file, refusal }) =>
            refusal ? `${file.name} was not uploaded: ${refusal}` : `Uploading ${file.name}`,
          )
          .join("; "),
      );
      for (const { file, key, refusal } of batch) if (!refusal) void sendOne(file, purpose, key);
    },
    [sendOne],
  );

  const dismiss = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    setUploads((current) => current.filter((upload) => upload.key !== key));
  }, []);

  return { uploads, announcement, start, dismiss };
}
