import { lockImport } from "@/server/assets/import/queries";
import type { ImportOutcome } from "@/server/assets/import/run";
import type { TenantScope } from "@/server/context";
import { emit } from "@/server/events/emit";

type Finish = { outcome: "completed" } | { outcome: "failed"; error: string };

/**
 * Ends an employee import that is still running, completed or failed (the rows written stay), with
 * one employee_import.completed event carrying how the rows ended. A second call changes nothing,
 * nor does a call after a cancel.
 */
export async function finishEmployeeImport(
  scope: TenantScope,
  importId: string,
  finish: Finish,
): Promise<ImportOutcome> {
  const current = await lockImport(scope.db, scope.tenantId, importId, "employees");
  if (current.status !== "importing") {
    const status = current.status === "cancelled" ? "cancelled" : "skipped";
    return { status, imported: current.imported_rows, problems: current.problem_count };
  }
  const ended = await scope.db
    .updateTable("asset_imports")
    .set({
      status: finish.outcome,
      error: finish.outcome === "failed" ? finish.error : null,
      finished_at: new Date(),
    })
    .where("id", "=", current.id)
    .returning(["created_rows", "updated_rows", "unchanged_rows"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "employee_import.completed",
    entityId: current.id,
    data: {
      fileName: current.file_name,
      outcome: finish.outcome,
      created: ended.created_rows,
      updated: ended.updated_rows,
      unchanged: ended.unchanged_rows,
      failed: current.total_rows - current.imported_rows,
      ...(finish.outcome === "failed" ? { error: finish.error } : {}),
    },
  });
  return { status: finish.outcome, imported: current.imported_rows, problems: current.problem_count };
}
