import { fileTypeFromBlob } from "file-type";
import { AppError } from "../errors";
import {
  type FileKind,
  type FilePurpose,
  formatBytes,
  kindInfo,
  purposeRules,
  purposeTitle,
} from "./purposes";

/** What file-type names, mapped to the kinds we take; anything else is refused by its name. */
const detected: Record<string, FileKind> = {
  jpg: "jpeg",
  png: "png",
  webp: "webp",
  pdf: "pdf",
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  odt: "odt",
  ods: "ods",
  odp: "odp",
  cfb: "legacy_office",
};

/** How much of a file without magic bytes is read to decide it is text (a CSV). */
const TEXT_PROBE_BYTES = 64 * 1024;

type Sniffed = { kind: FileKind } | { kind: null; ext: string | null; description: string };

/** Whether the start of a file is UTF-8 text with no NUL byte: how a CSV looks, having no magic bytes. */
async function isText(blob: Blob): Promise<boolean> {
  const bytes = new Uint8Array(await blob.slice(0, TEXT_PROBE_BYTES).arrayBuffer());
  if (bytes.includes(0)) return false;
  // A probe cut inside a multi-byte character is still text: drop up to 3 trailing bytes.
  const end = blob.size > TEXT_PROBE_BYTES ? trimPartialCharacter(bytes) : bytes.length;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

function trimPartialCharacter(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = bytes[end - back] ?? 0;
    if ((byte & 0xc0) === 0xc0) return end - back;
    if ((byte & 0x80) === 0) return end;
  }
  return end;
}

/** The kind of a file read from its content (magic bytes), never from its name or claimed type. */
export async function sniffKind(blob: Blob): Promise<Sniffed> {
  const type = await fileTypeFromBlob(blob);
  if (type) {
    const kind = detected[type.ext];
    if (kind) return { kind };
    return { kind: null, ext: type.ext, description: `a ${type.ext.toUpperCase()} file (${type.mime})` };
  }
  if (await isText(blob)) return { kind: "csv" };
  return { kind: null, ext: null, description: "of a type we do not recognise" };
}

/** "A, B or C" */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}

/** "42 MB is over the 25 MB limit", with a decimal when rounding would make the two look equal. */
export function assertWithinLimit(purpose: FilePurpose, size: number): void {
  const limit = purposeRules[purpose].maxBytes;
  if (size <= limit) return;
  const limitText = formatBytes(limit);
  let sizeText = formatBytes(size);
  if (sizeText === limitText) sizeText = `${(size / (1024 * 1024)).toFixed(1)} MB`;
  throw new AppError(
    "UNPROCESSABLE",
    `${sizeText} is over the ${limitText} limit for ${purposeRules[purpose].label}.`,
  );
}

/**
 * Checks a file against its purpose: size first (no need to read a file that is too big), then
 * the kind from its content. Returns the kind; refusals say what the file is and what to send.
 */
export async function checkContent(purpose: FilePurpose, blob: Blob): Promise<FileKind> {
  if (blob.size === 0) throw new AppError("UNPROCESSABLE", "The file is empty.");
  assertWithinLimit(purpose, blob.size);
  const rule = purposeRules[purpose];
  const sniffed = await sniffKind(blob);
  if (sniffed.kind && rule.kinds.includes(sniffed.kind)) return sniffed.kind;
  if (sniffed.kind === null && sniffed.ext === "heic") {
    throw new AppError("UNPROCESSABLE", `HEIC is not accepted for ${rule.label}; use JPEG or PNG.`);
  }
  const accepted = orList([...new Set(rule.kinds.map((kind) => kindInfo[kind].short))]);
  const actual = sniffed.kind ? `a ${kindInfo[sniffed.kind].label}` : sniffed.description;
  throw new AppError(
    "UNPROCESSABLE",
    `${purposeTitle(purpose)} must be ${accepted}; this file is ${actual}.`,
  );
}
