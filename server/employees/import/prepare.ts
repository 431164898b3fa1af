import type { ImportSourceFields, PreparedRows, PrepareOptions } from "@/server/assets/import/pipeline";
import { eachVerdictChunk, withRowCheck } from "@/server/assets/import/prepare";
import type { Db } from "@/server/db";
import { loadEmployeeImportLookups } from "./load-lookups";
import type { EmployeeImportRow } from "./validate-rows";

/**
 * Parses a stored employee import and checks every row with its mapping (validate-rows.ts), then
 * every manager once all rows are known (resolve-managers.ts), handing the problems to `problems`
 * in file order. The rows come back in the order to write them: managers before their reports.
 * The parsing and checks run on the background thread (server/assets/import/row-check.ts); this
 * thread reads the tenant's people in short transactions and takes the verdicts a chunk at a time.
 */
export async function prepareEmployeeImport(
  db: Db,
  tenantId: string,
  source: ImportSourceFields,
  options: PrepareOptions,
): Promise<PreparedRows<EmployeeImportRow>> {
  return withRowCheck<EmployeeImportRow, PreparedRows<EmployeeImportRow>>(
    "employee",
    source,
    async (check) => {
      const lookups = await loadEmployeeImportLookups(db, tenantId);
      const keepRows = options.keepRows !== false;
      await check.check(lookups, keepRows);
      const prepared: PreparedRows<EmployeeImportRow> = { lines: [], rows: [], validRows: 0 };
      await eachVerdictChunk(check, options, (chunk) => {
        for (const line of chunk.lines) prepared.lines.push(line);
        for (const row of chunk.rows) prepared.rows.push(row);
        prepared.validRows = chunk.validRows;
      });
      return prepared;
    },
  );
}
