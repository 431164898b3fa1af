import { type FileKind, type FilePurpose, formatBytes, purposeRules } from "@/server/files/purposes";
import type { FileOwner } from "./file-types";

/** The upload route (app/api/files/route.ts): one file per request, attached when an owner is named. */
const UPLOAD_URL = "/api/files";

/** What the route answers about a stored file that the uploader needs (the list is re-read after). */
export type UploadedFile = { id: string; name: string };

const kindNames: Record<FileKind, string> = {
  jpeg: "JPEG",
  png: "PNG",
  webp: "WebP",
  pdf: "PDF",
  csv: "CSV",
  docx: "DOCX",
  xlsx: "XLSX",
  pptx: "PPTX",
  odt: "ODT",
  ods: "ODS",
  odp: "ODP",
  legacy_office: "DOC/XLS/PPT",
};

/** "PDF, JPEG, PNG or WebP, up to 25 MB": what a purpose takes, said before anything is sent. */
export function limitsOf(purpose: FilePurpose): string {
  const { kinds, maxBytes } = purposeRules[purpose];
  const names = kinds.map((kind) => kindNames[kind]);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");
  return `${listed}, up to ${formatBytes(maxBytes)}`;
}

export type UploadRequest = {
  file: File;
  purpose: FilePurpose;
  owner: FileOwner;
  /** Called as bytes leave the browser, with the fraction sent (0..1). */
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
};

/**
 * Why the server refused an upload, in its own words ("42 MB is over the 25 MB limit"): the
 * message of its `{ error: { message } }` body, or what the status means when the body has none
 * (a proxy's 413 page, a dropped connection).
 */
export function refusalMessage(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === "string" && message) return message;
  } catch {
    // Not our JSON: fall through to what the status says.
  }
  if (status === 0) return "The upload was interrupted; check the connection and try again.";
  if (status === 401) return "Your session has ended; sign in again and retry.";
  if (status === 403) return "Your role does not allow uploading files here.";
  if (status === 413) return "The file is too large.";
  return `The upload failed (HTTP ${status}); try again.`;
}

/**
 * A refusal the browser can give before sending a byte: a file over its purpose's size limit,
 * worded as the server words it. The content type is the server's to judge, from the content.
 */
export function sizeRefusal(file: Pick<File, "size">, purpose: FilePurpose): string | null {
  const { maxBytes } = purposeRules[purpose];
  return file.size > maxBytes ? `${formatBytes(file.size)} is over the ${formatBytes(maxBytes)} limit` : null;
}

/**
 * Sends one file with XMLHttpRequest, because fetch cannot report upload progress; resolves
 * with the attached file, rejects with the server's refusal as the Error's message.
 */
export function uploadFile({
  file,
  purpose,
  owner,
  onProgress,
  signal,
}: UploadRequest): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const body = new FormData();
    body.set("purpose", purpose);
    body.set("ownerType", owner.type);
    body.set("ownerId", owner.id);
    body.set("file", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", UPLOAD_URL);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status === 201) {
        resolve((JSON.parse(request.responseText) as { file: UploadedFile }).file);
      } else {
        reject(new Error(refusalMessage(request.status, request.responseText)));
      }
    };
    request.onerror = () => reject(new Error(refusalMessage(0, "")));
    request.onabort = () => reject(new Error("The upload was cancelled."));
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(body);
  });
}
