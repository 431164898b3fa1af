import { prepareImport } from "@/server/assets/import/prepare";
import { inngest } from "../../client";
import { dryRunFunction } from "../import-steps";
import { createTenantFunction } from "../tenant-function";

/** asset_import.mapped -> every row of the file is checked (server/assets/import/services/run-import-dry-run.ts). */
export const checkAssetImportFunction = dryRunFunction(
  { id: "check-asset-import", name: "Dry run of a CSV import", event: "asset_import.mapped" },
  prepareImport,
);

export const checkAssetImportFn = createTenantFunction(inngest, checkAssetImportFunction);
