import type { ValidateAssetImportInput } from "@/server/assets/import/schemas";
import { saveImportMapping } from "@/server/assets/import/services/validate-asset-import";
import type { TenantScope } from "@/server/context";
import { emit } from "@/server/events/emit";
import { employeeMappingProblems, isEmployeeImportTarget } from "../fields";
import { getEmployeeImport } from "../queries";

/**
 * Asks for the dry run of an employee file: saves the column mapping and hands the check of every
 * row to the check-employee-import function (employee_import.mapped), which writes nothing but the
 * import's own row and its problem report; the page follows its progress.
 */
export async function validateEmployeeImport(scope: TenantScope, raw: ValidateAssetImportInput) {
  const saved = await saveImportMapping(scope, raw, {
    kind: "employees",
    isTarget: isEmployeeImportTarget,
    problems: employeeMappingProblems,
  });
  await emit(scope, { name: "employee_import.mapped", entityId: saved.id, data: saved.data });
  return getEmployeeImport(scope.db, scope.tenantId, saved.id);
}
