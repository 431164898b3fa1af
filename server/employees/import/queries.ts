import { getImportState } from "@/server/assets/import/queries";
import type { Executor } from "@/server/db";
import { employeeFieldOptions } from "./fields";
import type { EmployeeImportView } from "./schemas";

/** An employee import as its page shows it: its state, the fields its columns can fill, its result. */
export async function getEmployeeImport(
  db: Executor,
  tenantId: string,
  importId: string,
): Promise<EmployeeImportView> {
  const state = await getImportState(db, tenantId, importId, "employees");
  const counts = await db
    .selectFrom("asset_imports")
    .select(["created_rows", "updated_rows", "unchanged_rows"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", importId)
    .executeTakeFirstOrThrow();
  return {
    ...state,
    fields: employeeFieldOptions,
    createdRows: counts.created_rows,
    updatedRows: counts.updated_rows,
    unchangedRows: counts.unchanged_rows,
  };
}
