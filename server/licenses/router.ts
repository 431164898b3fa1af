import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { employeeLicenses, getLicense, listLicenses } from "./queries";
import {
  AssignLicenseInput,
  CreateLicenseInput,
  EmployeeIdInput,
  EmployeeLicense,
  LicenseChangeResult,
  LicenseDetail,
  LicenseIdInput,
  LicenseList,
  ListLicensesInput,
  RevokeLicenseInput,
  UpdateLicenseInput,
} from "./schemas";
import { archiveLicense } from "./services/archive-license";
import { assignLicense } from "./services/assign-license";
import { createLicense } from "./services/create-license";
import { revokeLicense } from "./services/revoke-license";
import { updateLicense } from "./services/update-license";

const read = tenantProcedure(can.readTenant);
const write = tenantProcedure(can.manageAssets);

/** Software licences: the list, a licence's page, an employee's licences, and seat changes. */
export const licensesRouter = router({
  list: read
    .input(ListLicensesInput)
    .output(LicenseList)
    .query(({ ctx, input }) => listLicenses(ctx.db, ctx.tenantId, input)),
  get: read
    .input(LicenseIdInput)
    .output(LicenseDetail)
    .query(({ ctx, input }) => getLicense(ctx.db, ctx.tenantId, input.licenseId)),
  forEmployee: read
    .input(EmployeeIdInput)
    .output(z.array(EmployeeLicense))
    .query(({ ctx, input }) => employeeLicenses(ctx.db, ctx.tenantId, input.employeeId)),
  create: write
    .input(CreateLicenseInput)
    .output(LicenseChangeResult)
    .mutation(({ ctx, input }) => createLicense(ctx, input)),
  update: write
    .input(UpdateLicenseInput)
    .output(LicenseChangeResult)
    .mutation(({ ctx, input }) => updateLicense(ctx, input)),
  archive: write
    .input(LicenseIdInput)
    .output(LicenseChangeResult)
    .mutation(({ ctx, input }) => archiveLicense(ctx, input)),
  assign: write
    .input(AssignLicenseInput)
    .output(z.object({ assignmentId: z.string(), seatsUsed: z.number(), seats: z.number().nullable() }))
    .mutation(({ ctx, input }) => assignLicense(ctx, input)),
  revoke: write
    .input(RevokeLicenseInput)
    .output(LicenseChangeResult)
    .mutation(({ ctx, input }) => revokeLicense(ctx, input)),
});
