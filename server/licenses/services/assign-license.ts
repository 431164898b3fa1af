import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { countActiveSeats, lockActiveAssignment, lockLicense } from "../queries";
import type { AssignLicenseInput } from "../schemas";

/**
 * Gives an employee a seat of a licence. The licence row is locked first, so of two people taking
 * the last seat at once the second counts the first's seat and is told there is none left.
 */
export async function assignLicense(scope: TenantScope, input: AssignLicenseInput) {
  const license = await lockLicense(scope.db, scope.tenantId, input.licenseId);
  if (license.archived_at) {
    throw new AppError("INVALID_TRANSITION", `${license.name} is archived; its seats cannot be assigned.`);
  }
  const employee = await scope.db
    .selectFrom("employees")
    .select(["id", "display_name", "status"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.employeeId)
    .executeTakeFirst();
  if (!employee) {
    throw new AppError("NOT_FOUND", "That employee does not exist in this organization.", {
      field: "employeeId",
    });
  }
  const who = employee.display_name ?? "This employee";
  if (employee.status === "terminated") {
    throw new AppError(
      "INVALID_TRANSITION",
      `${who} has left the organization; licences cannot be assigned to them.`,
      {
        field: "employeeId",
      },
    );
  }
  if (await lockActiveAssignment(scope.db, scope.tenantId, license.id, employee.id)) {
    throw new AppError("CONFLICT", `${who} already has a seat of ${license.name}.`, { field: "employeeId" });
  }
  const used = await countActiveSeats(scope.db, scope.tenantId, license.id);
  if (license.seats !== null && used >= license.seats) {
    throw new AppError(
      "CONFLICT",
      `All ${license.seats} seats of ${license.name} are in use; revoke a seat or add seats before assigning it to ${who}.`,
      { field: "employeeId" },
    );
  }

  const assignment = await scope.db
    .insertInto("license_assignments")
    .values({
      tenant_id: scope.tenantId,
      license_id: license.id,
      employee_id: employee.id,
      assigned_by: actingUserId(scope.actor),
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "license.assigned",
    entityId: license.id,
    data: {
      name: license.name,
      employeeId: employee.id,
      assignmentId: assignment.id,
      seatsUsed: used + 1,
      seats: license.seats,
    },
  });
  return { assignmentId: assignment.id, seatsUsed: used + 1, seats: license.seats };
}
