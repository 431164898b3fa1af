import { InngestTestEngine } from "@inngest/test";
import { importEmployeesFn } from "@/inngest/functions/employees/import-employees";
import { runDryRun } from "@/server/assets/import/services/run-import-dry-run";
import { type Db, withTenant } from "@/server/db";
import { prepareEmployeeImport } from "@/server/employees/import/prepare";
import { getEmployeeImport } from "@/server/employees/import/queries";
import { confirmEmployeeImport } from "@/server/employees/import/services/confirm-employee-import";
import { uploadEmployeeImport } from "@/server/employees/import/services/upload-employee-import";
import { validateEmployeeImport } from "@/server/employees/import/services/validate-employee-import";
import { toInngestEvent } from "@/server/events/envelope";
import { confirmedEvent, generationOf } from "./imports";
import { asUser, type TestUser } from "./tenants";

/**
 * Uploads an employee CSV, saves the guessed mapping (or `columns`) and runs the dry run as the
 * check-employee-import function would.
 */
export async function dryRunEmployeeImport(
  db: Db,
  user: TestUser,
  content: string,
  columns?: Array<string | null>,
) {
  const uploaded = await asUser(db, user, (ctx) =>
    uploadEmployeeImport(ctx, { fileName: "people.csv", content }),
  );
  await asUser(db, user, (ctx) =>
    validateEmployeeImport(ctx, { importId: uploaded.id, columns: columns ?? uploaded.columns }),
  );
  const generation = await generationOf(db, user.tenantId, uploaded.id);
  await runDryRun(db, { tenantId: user.tenantId, importId: uploaded.id, generation }, prepareEmployeeImport);
  return withTenant(db, user.tenantId, (trx) => getEmployeeImport(trx, user.tenantId, uploaded.id));
}

/** Confirms a checked employee import and runs the import-employees function on its event to the end. */
export async function confirmAndRunEmployeeImport(db: Db, user: TestUser, importId: string) {
  await asUser(db, user, (ctx) => confirmEmployeeImport(ctx, { importId }));
  const event = await confirmedEvent(db, user.tenantId, importId, "employee_import.confirmed");
  const engine = new InngestTestEngine({
    function: importEmployeesFn,
    events: [toInngestEvent(event)] as never,
  });
  const { error } = await engine.execute();
  if (error) throw error;
  return withTenant(db, user.tenantId, (trx) => getEmployeeImport(trx, user.tenantId, importId));
}
