import type { inferRouterOutputs } from "@trpc/server";
import type { FilePurpose, OwnerType } from "@/server/files/purposes";
import type { AppRouter } from "@/server/router";

/** One attached file as the files tab lists it (files.list). */
export type FileItem = inferRouterOutputs<AppRouter>["files"]["list"][number];

/** What a file belongs to: an asset, an employee, an import. */
export type FileOwner = { type: OwnerType; id: string };

/**
 * A purpose as a person picks it for one file ("Invoice"); server/files/purposes.ts holds the
 * plural labels its refusals use ("HEIC is not accepted for invoices").
 */
export const purposeNames: Record<FilePurpose, string> = {
  photo: "Photo",
  invoice: "Invoice",
  warranty: "Warranty document",
  receipt: "Signed receipt",
  document: "Document",
  contract: "Contract",
  evidence: "Evidence",
  import_source: "Import file",
  import_report: "Import report",
};

/** What the uploader offers first: the broadest purpose an owner takes. */
export const firstPurpose: Record<OwnerType, FilePurpose> = {
  asset: "document",
  employee: "contract",
  asset_import: "import_source",
  workflow_step: "evidence",
  integration_run: "import_report",
};
