import { prepareEmployeeImport } from "@/server/employees/import/prepare";
import { inngest } from "../../client";
import { dryRunFunction } from "../import-steps";
import { createTenantFunction } from "../tenant-function";

/** employee_import.mapped -> every row of the file is checked (server/employees/import/prepare.ts). */
export const checkEmployeeImportFunction = dryRunFunction(
  { id: "check-employee-import", name: "Dry run of an employee CSV import", event: "employee_import.mapped" },
  prepareEmployeeImport,
);

export const checkEmployeeImportFn = createTenantFunction(inngest, checkEmployeeImportFunction);
