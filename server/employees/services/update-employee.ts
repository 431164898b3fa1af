import type { TenantScope } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { assertSelectable } from "../../reference/selectable";
import { assertDatePairs } from "../../schemas/date-pairs";
import { assertManagerAllowed } from "../managers";
import { withKeyring } from "../process-keyring";
import { lockEmployee } from "../queries";
import { employeeDatePairs, UpdateEmployeeInput } from "../schemas";
import { openAll, sealAll, sensitiveFieldNames } from "../sensitive-fields";

/**
 * Changes an employee's record. The row is locked first; plain fields are recorded before and
 * after (department, title, manager, location...), personal fields by name only. Changing any
 * personal field re-seals all of them under the newest key, so the row's key id stays true.
 */
export async function updateEmployee(scope: TenantScope, raw: UpdateEmployeeInput) {
  const input = UpdateEmployeeInput.parse(raw);
  const row = await lockEmployee(scope.db, scope.tenantId, input.employeeId);
  const name = `${input.firstName ?? row.first_name} ${input.lastName ?? row.last_name}`;
  if (input.departmentId && input.departmentId !== row.department_id)
    await assertSelectable(scope.db, scope.tenantId, "departments", input.departmentId, "department");
  if (input.locationId && input.locationId !== row.location_id)
    await assertSelectable(scope.db, scope.tenantId, "locations", input.locationId, "location");
  if (input.managerId && input.managerId !== row.manager_id)
    await assertManagerAllowed(scope.db, scope.tenantId, { id: row.id, name }, input.managerId);
  assertDatePairs(
    {
      hireDate: input.hireDate === undefined ? row.hire_date : input.hireDate,
      terminationDate: input.terminationDate === undefined ? row.termination_date : input.terminationDate,
    },
    employeeDatePairs,
  );

  const before = {
    firstName: row.first_name,
    lastName: row.last_name,
    workEmail: row.work_email,
    employeeNumber: row.employee_number,
    title: row.title,
    departmentId: row.department_id,
    locationId: row.location_id,
    managerId: row.manager_id,
    employmentType: row.employment_type,
    hireDate: row.hire_date,
    terminationDate: row.termination_date,
  };
  const changes = changesBetween(before, {
    firstName: input.firstName,
    lastName: input.lastName,
    workEmail: input.workEmail,
    employeeNumber: input.employeeNumber,
    title: input.title,
    departmentId: input.departmentId,
    locationId: input.locationId,
    managerId: input.managerId,
    employmentType: input.employmentType,
    hireDate: input.hireDate,
    terminationDate: input.terminationDate,
  });
  const personal = resealed(scope, row, input);
  if (Object.keys(changes).length === 0 && !personal) return { id: row.id, name, changed: false };

  try {
    await scope.db
      .updateTable("employees")
      .set({
        first_name: input.firstName,
        last_name: input.lastName,
        work_email: input.workEmail,
        employee_number: input.employeeNumber,
        title: input.title,
        department_id: input.departmentId,
        location_id: input.locationId,
        manager_id: input.managerId,
        employment_type: input.employmentType,
        hire_date: input.hireDate,
        termination_date: input.terminationDate,
        ...personal?.columns,
        ...overrides(row, [...Object.keys(changes), ...(personal?.changed ?? [])]),
      })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", row.id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error, "employees_email_key"))
      throw new AppError("CONFLICT", `${input.workEmail} already belongs to another employee.`);
    if (isUniqueViolation(error, "employees_number_key"))
      throw new AppError(
        "CONFLICT",
        `Employee number ${input.employeeNumber} already belongs to another employee.`,
      );
    throw error;
  }
  await emit(scope, {
    name: "employee.updated",
    entityId: row.id,
    data: { changes, ...(personal ? { personalFieldsChanged: personal.changed } : {}) },
  });
  return { id: row.id, name, changed: true };
}

type LockedRow = Awaited<ReturnType<typeof lockEmployee>>;

/**
 * A local edit of a field an integration owns is an override (server/integrations): recorded, so
 * the next sync keeps it or overwrites it per the integration's field policy.
 */
function overrides(row: LockedRow, changedFields: string[]) {
  const owned = new Set(row.owned_fields);
  const edited = changedFields.filter((field) => owned.has(field) && !row.overridden_fields.includes(field));
  return edited.length > 0 ? { overridden_fields: [...row.overridden_fields, ...edited] } : {};
}

/** The personal fields the input changes, and every sealed column re-sealed; null when none changes. */
function resealed(scope: TenantScope, row: LockedRow, input: ReturnType<typeof UpdateEmployeeInput.parse>) {
  const given = sensitiveFieldNames.filter((field) => input[field] !== undefined);
  if (given.length === 0) return null;
  return withKeyring((keyring) => {
    const current = openAll(keyring, scope.tenantId, row.id, row);
    const changed = given.filter((field) => (input[field] ?? null) !== current[field]);
    if (changed.length === 0) return null;
    const next = { ...current };
    for (const field of changed) next[field] = input[field] ?? null;
    return { changed, columns: sealAll(keyring, scope.tenantId, row.id, next) };
  });
}
