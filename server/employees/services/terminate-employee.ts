import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { isFutureDay } from "../../schemas/calendar";
import { assertDatePairs } from "../../schemas/date-pairs";
import { lockEmployee, today } from "../queries";
import { employeeDatePairs, TerminateEmployeeInput } from "../schemas";

/**
 * Ends someone's employment on a date. Today (in the viewer's zone) or earlier takes effect now
 * (employee.terminated, which starts offboarding); a later date is recorded and applied on that day
 * by inngest/functions/employees/apply-due-terminations.ts, so offboarding starts when they leave.
 */
export async function terminateEmployee(scope: TenantScope, raw: TerminateEmployeeInput) {
  const input = TerminateEmployeeInput.parse(raw);
  const row = await lockEmployee(scope.db, scope.tenantId, input.employeeId);
  const name = `${row.first_name} ${row.last_name}`;
  if (row.status === "terminated") {
    throw new AppError(
      "INVALID_TRANSITION",
      `${name} was already terminated on ${row.termination_date ?? "an earlier date"}; reactivate them first to change it.`,
    );
  }
  assertDatePairs({ hireDate: row.hire_date, terminationDate: input.terminationDate }, employeeDatePairs);
  // Today in the viewer's zone when the form says which; else the database's (UTC) today.
  const effectiveNow = input.timeZone
    ? !isFutureDay(input.terminationDate, input.timeZone)
    : input.terminationDate <= (await today(scope.db));
  await scope.db
    .updateTable("employees")
    .set({
      termination_date: input.terminationDate,
      termination_reason: input.reason,
      ...(effectiveNow ? { status: "terminated" } : {}),
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  if (effectiveNow) {
    await emitTerminated(scope, row.id, input.terminationDate, input.reason);
  } else {
    await emit(scope, {
      name: "employee.updated",
      entityId: row.id,
      data: {
        changes: {
          terminationDate: { before: row.termination_date, after: input.terminationDate },
          terminationReason: { before: row.termination_reason, after: input.reason },
        },
      },
    });
  }
  return {
    id: row.id,
    name,
    status: effectiveNow ? "terminated" : row.status,
    terminationDate: input.terminationDate,
  };
}

/** The one shape of employee.terminated, whether the date was today or has just come. */
export function emitTerminated(scope: TenantScope, employeeId: string, date: string, reason: string | null) {
  return emit(scope, {
    name: "employee.terminated",
    entityId: employeeId,
    data: { terminatedAt: date, ...(reason ? { reason } : {}) },
  });
}
