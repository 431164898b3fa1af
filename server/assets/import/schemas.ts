import { z } from "zod";
import { page, safeString, text } from "../../schemas/primitives";

/** ~25 MB of text: a 50,000-row export with room to spare. */
export const MAX_IMPORT_CHARS = 26_214_400;
export const importModes = ["all_or_nothing", "valid_only"] as const;
/** What an import's rows become (asset_imports.kind): the pipeline is shared, the rows are not. */
export const importKinds = ["assets", "employees"] as const;
export type ImportKind = (typeof importKinds)[number];
export type ImportMode = (typeof importModes)[number];
/** Rows a file may hold: twice the 100,000 assets a tenant is designed for. */
export const MAX_IMPORT_ROWS = 200_000;
export const importStatuses = [
  "uploaded",
  "validating",
  "validated",
  "importing",
  "completed",
  "failed",
  "cancelled",
] as const;

export const UploadAssetImportInput = z.object({
  fileName: text({ max: 255, minMessage: "Name the file" }),
  content: safeString({ multiline: true })
    .min(1, "The file is empty.")
    .max(MAX_IMPORT_CHARS, "The file is larger than 25 MB; split it into several imports."),
});
export type UploadAssetImportInput = z.infer<typeof UploadAssetImportInput>;

export const AssetImportIdInput = z.object({ importId: z.uuid() });

export const ValidateAssetImportInput = z.object({
  importId: z.uuid(),
  columns: z.array(safeString().max(80).nullable()).max(500),
});
export type ValidateAssetImportInput = z.infer<typeof ValidateAssetImportInput>;

export const ConfirmAssetImportInput = z.object({ importId: z.uuid(), mode: z.enum(importModes) });
export type ConfirmAssetImportInput = z.infer<typeof ConfirmAssetImportInput>;

export const AssetImportProblemsInput = z.object({
  importId: z.uuid(),
  page: page().default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});
export type AssetImportProblemsInput = z.input<typeof AssetImportProblemsInput>;

const Problem = z.object({
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});

/** What every import's page shows, whatever its rows become. */
export const ImportStateView = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(importStatuses),
  mode: z.enum(importModes).nullable(),
  delimiter: z.string(),
  headers: z.array(z.string()),
  columns: z.array(z.string().nullable()),
  sample: z.array(z.array(z.string())),
  totalRows: z.number(),
  validRows: z.number(),
  processedRows: z.number(),
  importedRows: z.number(),
  problemCount: z.number(),
  /** Problems listed on the page (the first ones); the download has all problemCount. */
  problemsListed: z.number(),
  /** "all_or_nothing": every row is written (hidden) and they are being made visible. */
  publishing: z.boolean(),
  problemsByCode: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type ImportStateView = z.infer<typeof ImportStateView>;

/** The fields a column can be mapped to, as the mapping table offers them. */
export const ImportFieldOption = z.object({ value: z.string(), label: z.string() });

export const AssetImportView = ImportStateView.extend({ fields: z.array(ImportFieldOption) });
export type AssetImportView = z.infer<typeof AssetImportView>;

export const AssetImportProblemsPage = z.object({
  items: z.array(Problem),
  total: z.number(),
  /** How many of `total` can be paged through here; the CSV download holds them all. */
  listed: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const AssetImportListItem = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(importStatuses),
  totalRows: z.number(),
  importedRows: z.number(),
  createdAt: z.date(),
});
