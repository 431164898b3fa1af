import { z } from "zod";
import {
  AssetImportIdInput,
  AssetImportListItem,
  AssetImportProblemsInput,
  AssetImportProblemsPage,
  ImportFieldOption,
  ImportStateView,
  UploadAssetImportInput,
  ValidateAssetImportInput,
} from "@/server/assets/import/schemas";

/*
 * An employee import goes through the asset import's pipeline (server/assets/import): the same
 * upload, mapping, problem paging and ids, so the same input shapes. Only the view differs: its
 * fields, and how its rows ended.
 */
export const UploadEmployeeImportInput = UploadAssetImportInput;
export const EmployeeImportIdInput = AssetImportIdInput;
export const ValidateEmployeeImportInput = ValidateAssetImportInput;
export const EmployeeImportProblemsInput = AssetImportProblemsInput;
export const EmployeeImportProblemsPage = AssetImportProblemsPage;
export const EmployeeImportListItem = AssetImportListItem;

export const EmployeeImportView = ImportStateView.extend({
  fields: z.array(ImportFieldOption),
  /** Rows that became new people, changed someone, or matched someone exactly (nothing written). */
  createdRows: z.number(),
  updatedRows: z.number(),
  unchangedRows: z.number(),
});
export type EmployeeImportView = z.infer<typeof EmployeeImportView>;
