import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { employeeImportRouter } from "./import/router";
import { employeeOptions, getEmployee, listEmployees } from "./queries";
import {
  CreateEmployeeInput,
  EmployeeDetail,
  EmployeeIdInput,
  EmployeeListInput,
  EmployeeListPage,
  EmployeeMatch,
  EmployeeOption,
  EmployeeOptionsInput,
  EmployeeSummary,
  FindByPersonalDataInput,
  LinkUserInput,
  RevealedFields,
  RevealSensitiveInput,
  TerminateEmployeeInput,
  UpdateEmployeeInput,
} from "./schemas";
import { createEmployee } from "./services/create-employee";
import { findByPersonalData } from "./services/find-by-personal-data";
import { linkUser } from "./services/link-user";
import { reactivateEmployee } from "./services/reactivate-employee";
import { revealSensitiveFields } from "./services/reveal-sensitive-fields";
import { terminateEmployee } from "./services/terminate-employee";
import { updateEmployee } from "./services/update-employee";

export const employeesRouter = router({
  import: employeeImportRouter,
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
  update: tenantProcedure(can.manageAssets)
    .input(UpdateEmployeeInput)
    .output(EmployeeSummary.extend({ changed: z.boolean() }))
    .mutation(({ ctx, input }) => updateEmployee(ctx, input)),
  terminate: tenantProcedure(can.manageAssets)
    .input(TerminateEmployeeInput)
    .output(EmployeeSummary.extend({ status: z.string(), terminationDate: z.string() }))
    .mutation(({ ctx, input }) => terminateEmployee(ctx, input)),
  reactivate: tenantProcedure(can.manageAssets)
    .input(EmployeeIdInput)
    .output(EmployeeSummary.extend({ status: z.string() }))
    .mutation(({ ctx, input }) => reactivateEmployee(ctx, input.employeeId)),
  // Accounts are the admins' to hand out, so linking one to a person is theirs too.
  linkUser: tenantProcedure(can.manageTenant)
    .input(LinkUserInput)
    .output(EmployeeSummary.extend({ userId: z.string().nullable() }))
    .mutation(({ ctx, input }) => linkUser(ctx, input)),
  // A mutation, not a query: each reveal writes its audit event.
  revealPersonal: tenantProcedure(can.manageAssets)
    .input(RevealSensitiveInput)
    .output(RevealedFields)
    .mutation(({ ctx, input }) => revealSensitiveFields(ctx, input)),
  // A mutation so the looked-up value travels in a POST body, never in a URL (queries are GETs).
  findByPersonal: tenantProcedure(can.manageAssets)
    .input(FindByPersonalDataInput)
    .output(z.array(EmployeeMatch))
    .mutation(({ ctx, input }) => findByPersonalData(ctx, input)),
});
