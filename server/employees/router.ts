import { z } from "zod";
import { can, router, tenantProcedure } from "../trpc";
import { employeeOptions, getEmployee, listEmployees } from "./queries";
import {
  CreateEmployeeInput,
  EmployeeDetail,
  EmployeeIdInput,
  EmployeeListInput,
  EmployeeListPage,
  EmployeeOption,
  EmployeeOptionsInput,
} from "./schemas";
import { createEmployee } from "./services/create-employee";

export const employeesRouter = router({
  list: tenantProcedure(can.readTenant)
    .input(EmployeeListInput)
    .output(EmployeeListPage)
    .query(({ ctx, input }) => listEmployees(ctx.db, ctx.tenantId, input)),
  get: tenantProcedure(can.readTenant)
    .input(EmployeeIdInput)
    .output(EmployeeDetail)
    .query(({ ctx, input }) => getEmployee(ctx.db, ctx.tenantId, input.employeeId)),
  options: tenantProcedure(can.readTenant)
    .input(EmployeeOptionsInput)
    .output(z.array(EmployeeOption))
    .query(({ ctx, input }) => employeeOptions(ctx.db, ctx.tenantId, input.q)),
  create: tenantProcedure(can.manageAssets)
    .input(CreateEmployeeInput)
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => createEmployee(ctx, input)),
});
