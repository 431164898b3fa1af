import type { TenantContext } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { assertSelectable } from "../../reference/selectable";
import { CreateEmployeeInput } from "../schemas";

export async function createEmployee(ctx: TenantContext, raw: CreateEmployeeInput) {
  const input = CreateEmployeeInput.parse(raw);
  if (input.departmentId)
    await assertSelectable(ctx.db, ctx.tenantId, "departments", input.departmentId, "department");
  if (input.locationId)
    await assertSelectable(ctx.db, ctx.tenantId, "locations", input.locationId, "location");
  try {
    const employee = await ctx.db
      .insertInto("employees")
      .values({
        tenant_id: ctx.tenantId,
        first_name: input.firstName,
        last_name: input.lastName,
        work_email: input.workEmail ?? null,
        employee_number: input.employeeNumber,
        title: input.title,
        department_id: input.departmentId ?? null,
        location_id: input.locationId ?? null,
        hire_date: input.hireDate ?? null,
      })
      .returning(["id", "display_name"])
      .executeTakeFirstOrThrow();
    await emit(ctx.db, {
      tenantId: ctx.tenantId,
      name: "employee.created",
      actor: ctx.actor,
      entityId: employee.id,
      data: {
        name: employee.display_name ?? `${input.firstName} ${input.lastName}`,
        hireDate: input.hireDate ?? null,
      },
    });
    return { id: employee.id, name: employee.display_name ?? "" };
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
}
