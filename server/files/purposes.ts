/**
 * What a file may be, per purpose: the kinds of content accepted and the largest size. Pure data
 * and formatting, shared by the server (which checks the content) and the upload UI (which says
 * the limits up front and sets the file picker's `accept`).
 */

/**
 * The things a file can belong to: an asset, an employee, a CSV import, a workflow step (the
 * evidence its completion asks for) and an integration sync run (its report).
 */
export const ownerTypes = ["asset", "employee", "asset_import", "workflow_step", "integration_run"] as const;
export type OwnerType = (typeof ownerTypes)[number];

/** The kinds of content recognised from a file's first bytes (server/files/content-type.ts). */
export const fileKinds = [
  "jpeg",
  "png",
  "webp",
  "pdf",
  "csv",
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "odp",
  "legacy_office",
] as const;
export type FileKind = (typeof fileKinds)[number];

/** `label` names a file ("a PDF document"); `short` lists what a purpose takes ("JPEG, PNG or WebP"). */
export const kindInfo: Record<
  FileKind,
  { label: string; short: string; mime: string; extensions: readonly string[] }
> = {
  jpeg: { label: "JPEG image", short: "JPEG", mime: "image/jpeg", extensions: [".jpg", ".jpeg"] },
  png: { label: "PNG image", short: "PNG", mime: "image/png", extensions: [".png"] },
  webp: { label: "WebP image", short: "WebP", mime: "image/webp", extensions: [".webp"] },
  pdf: { label: "PDF document", short: "PDF", mime: "application/pdf", extensions: [".pdf"] },
  csv: { label: "CSV file", short: "CSV", mime: "text/csv", extensions: [".csv"] },
  docx: {
    label: "Word document",
    short: "Word",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
  },
  xlsx: {
    label: "Excel workbook",
    short: "Excel",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: [".xlsx"],
  },
  pptx: {
    label: "PowerPoint presentation",
    short: "PowerPoint",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: [".pptx"],
  },
  odt: {
    label: "OpenDocument text",
    short: "OpenDocument",
    mime: "application/vnd.oasis.opendocument.text",
    extensions: [".odt"],
  },
  ods: {
    label: "OpenDocument spreadsheet",
    short: "OpenDocument",
    mime: "application/vnd.oasis.opendocument.spreadsheet",
    extensions: [".ods"],
  },
  odp: {
    label: "OpenDocument presentation",
    short: "OpenDocument",
    mime: "application/vnd.oasis.opendocument.presentation",
    extensions: [".odp"],
  },
  legacy_office: {
    label: "Office 97-2003 document",
    short: "Office 97-2003",
    mime: "application/x-cfb",
    extensions: [".doc", ".xls", ".ppt"],
  },
};

const images = ["jpeg", "png", "webp"] as const satisfies readonly FileKind[];
const office = [
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "odp",
  "legacy_office",
] as const satisfies readonly FileKind[];
const MB = 1024 * 1024;

export const filePurposes = [
  "photo",
  "invoice",
  "warranty",
  "receipt",
  "document",
  "contract",
  "evidence",
  "import_source",
  "import_report",
] as const;
export type FilePurpose = (typeof filePurposes)[number];

export type PurposeRule = { label: string; kinds: readonly FileKind[]; maxBytes: number };

export const purposeRules: Record<FilePurpose, PurposeRule> = {
  photo: { label: "photos", kinds: images, maxBytes: 15 * MB },
  invoice: { label: "invoices", kinds: ["pdf", ...images], maxBytes: 25 * MB },
  warranty: { label: "warranty documents", kinds: ["pdf", ...images], maxBytes: 25 * MB },
  receipt: { label: "signed receipts", kinds: ["pdf", ...images], maxBytes: 25 * MB },
  document: { label: "documents", kinds: ["pdf", ...images, ...office, "csv"], maxBytes: 25 * MB },
  contract: { label: "contracts", kinds: ["pdf", ...office], maxBytes: 25 * MB },
  evidence: { label: "evidence", kinds: ["pdf", ...images], maxBytes: 25 * MB },
  import_source: { label: "imports", kinds: ["csv"], maxBytes: 50 * MB },
  import_report: { label: "import reports", kinds: ["csv"], maxBytes: 50 * MB },
};

/** A purpose's label at the start of a sentence: "Photos", "Signed receipts". */
export function purposeTitle(purpose: FilePurpose): string {
  const label = purposeRules[purpose].label;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Which purposes each kind of owner takes (an invoice on an asset, a contract on an employee). */
export const purposesFor: Record<OwnerType, readonly FilePurpose[]> = {
  asset: ["photo", "invoice", "warranty", "receipt", "document"],
  employee: ["contract", "document", "receipt"],
  asset_import: ["import_source", "import_report"],
  workflow_step: ["evidence"],
  integration_run: ["import_report", "document"],
};

/** What a preview shows: images in an <img>, PDFs in the browser's viewer; nothing else. */
export function previewOf(contentType: string): "image" | "pdf" | null {
  if (contentType === "application/pdf") return "pdf";
  if (images.some((kind) => kindInfo[kind].mime === contentType)) return "image";
  return null;
}

/** The file picker's `accept` for a purpose: the MIME types and extensions it takes. */
export function acceptAttribute(purpose: FilePurpose): string {
  const kinds = purposeRules[purpose].kinds;
  const mimes = kinds.filter((kind) => kind !== "legacy_office").map((kind) => kindInfo[kind].mime);
  const extensions = kinds.flatMap((kind) => kindInfo[kind].extensions);
  return [...mimes, ...extensions].join(",");
}

/** A size as people read it: "512 bytes", "340 KB", "42 MB", "1.5 GB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded} ${units[unit]}`;
}
