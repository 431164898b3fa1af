import type { TenantScope } from "../../context";
import { lockEmployee, today } from "../queries";
import { emitTerminated } from "./terminate-employee";

/**
 * Applies a termination whose date has come (scheduled by terminateEmployee). Checked again under
 * the row lock, so a reactivation or a second run in the meantime makes this do nothing.
 */
export async function applyDueTermination(scope: TenantScope, employeeId: string): Promise<boolean> {
  const row = await lockEmployee(scope.db, scope.tenantId, employeeId);
  if (row.status === "terminated" || !row.termination_date) return false;
  if (row.termination_date > (await today(scope.db))) return false;
  await scope.db
    .updateTable("employees")
    .set({ status: "terminated" })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emitTerminated(scope, row.id, row.termination_date, row.termination_reason);
  return true;
}
