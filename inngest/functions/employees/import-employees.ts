import { NonRetriableError } from "inngest";
import type { ImportRun } from "@/server/assets/import/run";
import { finishEmployeeImport } from "@/server/employees/import/services/finish-employee-import";
import { employeeRows } from "@/server/employees/import/write-batch";
import { inngest } from "../../client";
import { importValidOnly } from "../import-steps";
import { createTenantFunction, tenantFunction } from "../tenant-function";

const failure =
  "The import stopped after repeated errors. People already written stay; import the file again to finish.";

/**
 * employee_import.confirmed -> the rows that passed are written in batches by this function on
 * behalf of the person who confirmed (each person's employee.created or employee.updated names the
 * function as actor and the confirmation as cause), managers before their reports; a restart
 * resumes at the step, then at the batch. A cancelled import stops before its next batch.
 */
export const importEmployeesFunction = tenantFunction(
  {
    id: "import-employees",
    name: "Import employees from CSV",
    event: "employee_import.confirmed",
    retries: 3,
    // One import at a time per tenant: two files never race to create the same person.
    concurrency: { limit: 1, key: "event.data.tenantId" },
    onFailure: async ({ event, step, inTenant }) => {
      await step.run("record-failure", () =>
        inTenant((scope) =>
          finishEmployeeImport(scope, event.entity.id, { outcome: "failed", error: failure }),
        ),
      );
    },
  },
  async ({ event, step, inTenant }) => {
    const run: ImportRun = { tenantId: event.tenantId, importId: event.entity.id, inTenant };
    try {
      await importValidOnly(step, run, employeeRows);
      return await step.run("finish", () =>
        inTenant((scope) => finishEmployeeImport(scope, run.importId, { outcome: "completed" })),
      );
    } catch (error) {
      await step.run("record-failure", () =>
        inTenant((scope) => finishEmployeeImport(scope, run.importId, { outcome: "failed", error: failure })),
      );
      throw new NonRetriableError("employee import failed", { cause: error });
    }
  },
);

export const importEmployeesFn = createTenantFunction(inngest, importEmployeesFunction);
