import { startImportRun } from "@/server/assets/import/services/confirm-asset-import";
import type { TenantScope } from "@/server/context";
import { emit } from "@/server/events/emit";
import { getEmployeeImport } from "../queries";
import { EmployeeImportIdInput } from "../schemas";

/**
 * Starts writing a checked employee file: the import-employees function writes the rows that
 * passed, in batches, from the employee_import.confirmed event committed here; rows with problems
 * are skipped (the page listed them).
 */
export async function confirmEmployeeImport(scope: TenantScope, raw: { importId: string }) {
  const input = EmployeeImportIdInput.parse(raw);
  const current = await startImportRun(scope, { importId: input.importId, mode: "valid_only" }, "employees");
  await emit(scope, {
    name: "employee_import.confirmed",
    entityId: current.id,
    data: { fileName: current.file_name, totalRows: current.total_rows, validRows: current.valid_rows },
  });
  return getEmployeeImport(scope.db, scope.tenantId, current.id);
}
