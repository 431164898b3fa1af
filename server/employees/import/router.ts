import { z } from "zod";
import { importProblemsPage, listImports } from "@/server/assets/import/queries";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { getEmployeeImport } from "./queries";
import {
  EmployeeImportIdInput,
  EmployeeImportListItem,
  EmployeeImportProblemsInput,
  EmployeeImportProblemsPage,
  EmployeeImportView,
  UploadEmployeeImportInput,
  ValidateEmployeeImportInput,
} from "./schemas";
import { cancelEmployeeImport } from "./services/cancel-employee-import";
import { confirmEmployeeImport } from "./services/confirm-employee-import";
import { uploadEmployeeImport } from "./services/upload-employee-import";
import { validateEmployeeImport } from "./services/validate-employee-import";

/**
 * employees.import.*: CSV import of people (upload -> mapping + dry run -> confirm -> progress),
 * through the asset import's pipeline. Admins and IT staff, who add and edit people by hand.
 */
const write = tenantProcedure(can.manageAssets);

export const employeeImportRouter = router({
  list: write
    .output(z.array(EmployeeImportListItem))
    .query(({ ctx }) => listImports(ctx.db, ctx.tenantId, "employees")),
  get: write
    .input(EmployeeImportIdInput)
    .output(EmployeeImportView)
    .query(({ ctx, input }) => getEmployeeImport(ctx.db, ctx.tenantId, input.importId)),
  problems: write
    .input(EmployeeImportProblemsInput)
    .output(EmployeeImportProblemsPage)
    .query(({ ctx, input }) => importProblemsPage(ctx.db, ctx.tenantId, input, "employees")),
  upload: write
    .input(UploadEmployeeImportInput)
    .output(EmployeeImportView)
    .mutation(({ ctx, input }) => uploadEmployeeImport(ctx, input)),
  validate: write
    .input(ValidateEmployeeImportInput)
    .output(EmployeeImportView)
    .mutation(({ ctx, input }) => validateEmployeeImport(ctx, input)),
  confirm: write
    .input(EmployeeImportIdInput)
    .output(EmployeeImportView)
    .mutation(({ ctx, input }) => confirmEmployeeImport(ctx, input)),
  cancel: write
    .input(EmployeeImportIdInput)
    .output(EmployeeImportView)
    .mutation(({ ctx, input }) => cancelEmployeeImport(ctx, input)),
});
