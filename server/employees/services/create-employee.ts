import { randomUUID } from "node:crypto";
import type { TenantScope } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertSelectable } from "../../reference/selectable";
import { assertManagerAllowed } from "../managers";
import { withKeyring } from "../process-keyring";
import { CreateEmployeeInput } from "../schemas";
import { sealAll, sensitiveFieldNames } from "../sensitive-fields";

/**
 * Adds a person. The id is chosen here, before the insert, because each personal field is sealed
 * bound to it (sensitive-fields.ts): a sealed value copied to another record does not open.
 */
export async function createEmployee(scope: TenantScope, raw: CreateEmployeeInput) {
  const input = CreateEmployeeInput.parse(raw);
  const id = randomUUID();
  const name = `${input.firstName} ${input.lastName}`;
  if (input.departmentId)
    await assertSelectable(scope.db, scope.tenantId, "departments", input.departmentId, "department");
  if (input.locationId)
    await assertSelectable(scope.db, scope.tenantId, "locations", input.locationId, "location");
  if (input.managerId) await assertManagerAllowed(scope.db, scope.tenantId, { id, name }, input.managerId);
  const sealed = withKeyring((keyring) =>
    sealAll(keyring, scope.tenantId, id, {
      personalEmail: input.personalEmail ?? null,
      phone: input.phone ?? null,
      homeAddress: input.homeAddress ?? null,
      dateOfBirth: input.dateOfBirth ?? null,
      nationalId: input.nationalId ?? null,
    }),
  );
  try {
    await scope.db
      .insertInto("employees")
      .values({
        id,
        tenant_id: scope.tenantId,
        first_name: input.firstName,
        last_name: input.lastName,
        work_email: input.workEmail ?? null,
        employee_number: input.employeeNumber,
        title: input.title,
        department_id: input.departmentId ?? null,
        location_id: input.locationId ?? null,
        manager_id: input.managerId ?? null,
        employment_type: input.employmentType ?? null,
        hire_date: input.hireDate ?? null,
        ...sealed,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, "employees_email_key"))
      throw new AppError("CONFLICT", `${input.workEmail} already belongs to another employee.`);
    if (isUniqueViolation(error, "employees_number_key")) {
      throw new AppError(
        "CONFLICT",
        `Employee number ${input.employeeNumber} already belongs to another employee.`,
      );
    }
    throw error;
  }
  await emit(scope, {
    name: "employee.created",
    entityId: id,
    data: {
      name,
      hireDate: input.hireDate ?? null,
      personalFields: sensitiveFieldNames.filter((field) => input[field]),
    },
  });
  return { id, name };
}
