import { stopImport } from "@/server/assets/import/services/cancel-asset-import";
import type { TenantScope } from "@/server/context";
import { emit } from "@/server/events/emit";
import { getEmployeeImport } from "../queries";
import { EmployeeImportIdInput } from "../schemas";

/**
 * Stops an employee import that has not finished: before it is confirmed nothing is written; while
 * it writes, the batches already written stay (`imported` people) and the rest are not written.
 */
export async function cancelEmployeeImport(scope: TenantScope, raw: { importId: string }) {
  const input = EmployeeImportIdInput.parse(raw);
  const state = await stopImport(scope, input.importId, "employees", {
    rowsNoun: "people",
    undo: "Edit or terminate the people it wrote if they should not be there.",
  });
  await emit(scope, {
    name: "employee_import.cancelled",
    entityId: state.id,
    data: {
      fileName: state.file_name,
      stage: state.status as "uploaded" | "validating" | "validated" | "importing",
      imported: state.status === "importing" ? state.imported_rows : 0,
    },
  });
  return getEmployeeImport(scope.db, scope.tenantId, state.id);
}
