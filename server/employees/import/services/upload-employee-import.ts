import type { UploadAssetImportInput } from "@/server/assets/import/schemas";
import { storeImportUpload } from "@/server/assets/import/services/upload-asset-import";
import type { UserScope } from "@/server/context";
import { guessEmployeeMapping } from "../fields";
import { getEmployeeImport } from "../queries";

/** Stores an uploaded employee CSV with a first guess at its mapping (fields.ts); nothing is written yet. */
export async function uploadEmployeeImport(scope: UserScope, raw: UploadAssetImportInput) {
  const id = await storeImportUpload(scope, raw, {
    kind: "employees",
    rowsNoun: "people",
    guess: async (headers) => guessEmployeeMapping(headers),
  });
  return getEmployeeImport(scope.db, scope.tenantId, id);
}
