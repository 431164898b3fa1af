import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { lockEmployee } from "../queries";

/**
 * Brings back a terminated employee (a rehire, a termination made by mistake), or cancels a
 * termination still scheduled for a later day: either way the termination date and reason go.
 */
export async function reactivateEmployee(scope: TenantScope, employeeId: string) {
  const row = await lockEmployee(scope.db, scope.tenantId, employeeId);
  const name = `${row.first_name} ${row.last_name}`;
  if (row.status !== "terminated" && !row.termination_date)
    throw new AppError("INVALID_TRANSITION", `${name} is not terminated; there is nothing to reactivate.`);
  await scope.db
    .updateTable("employees")
    .set({ status: "active", termination_date: null, termination_reason: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emit(scope, {
    name: "employee.reactivated",
    entityId: row.id,
    data: { previousTerminationDate: row.termination_date },
  });
  return { id: row.id, name, status: "active" };
}
