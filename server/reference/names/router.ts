import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { archiveProcedures } from "../archive";
import { ListInput, NamedRef } from "../schemas";
import { findByName } from "./matcher";
import { listDepartments, listOrganizations } from "./queries";
import {
  AddAliasInput,
  Alias,
  CreateDepartmentInput,
  CreateOrganizationInput,
  DepartmentListItem,
  MatchInput,
  MergeInput,
  MergeResult,
  NameMatchOutput,
  OrganizationListItem,
  RemoveAliasInput,
  UpdateDepartmentInput,
  UpdateOrganizationInput,
} from "./schemas";
import { addAlias } from "./services/add-alias";
import { createDepartment } from "./services/create-department";
import { createOrganization } from "./services/create-organization";
import { mergeNamedEntities } from "./services/merge-named-entities";
import { removeAlias } from "./services/remove-alias";
import { updateDepartment } from "./services/update-department";
import { updateOrganization } from "./services/update-organization";

const manage = tenantProcedure(can.manageAssets);
const AddedAlias = Alias.extend({ entityId: z.string(), entityName: z.string() });

/** Which organization or department a spelling resolves to (names and aliases), or null. */
export const matchProcedure = tenantProcedure(can.readTenant)
  .input(MatchInput)
  .output(NameMatchOutput)
  .query(({ ctx, input }) => findByName(ctx.db, ctx.tenantId, input.entityType, input.name));

export const organizationsProcedure = tenantProcedure(can.readTenant)
  .input(ListInput)
  .output(z.array(OrganizationListItem))
  .query(({ ctx, input }) => listOrganizations(ctx.db, ctx.tenantId, input));

export const organizationRouter = router({
  create: manage
    .input(CreateOrganizationInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createOrganization(ctx, input)),
  update: manage
    .input(UpdateOrganizationInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateOrganization(ctx, input)),
  merge: manage
    .input(MergeInput)
    .output(MergeResult)
    .mutation(({ ctx, input }) => mergeNamedEntities(ctx, "organization", input)),
  addAlias: manage
    .input(AddAliasInput)
    .output(AddedAlias)
    .mutation(({ ctx, input }) => addAlias(ctx, "organization", input)),
  removeAlias: manage
    .input(RemoveAliasInput)
    .output(Alias)
    .mutation(({ ctx, input }) => removeAlias(ctx, "organization", input)),
  ...archiveProcedures("organizations"),
});

export const departmentsProcedure = tenantProcedure(can.readTenant)
  .input(ListInput)
  .output(z.array(DepartmentListItem))
  .query(({ ctx, input }) => listDepartments(ctx.db, ctx.tenantId, input));

export const departmentRouter = router({
  create: manage
    .input(CreateDepartmentInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createDepartment(ctx, input)),
  update: manage
    .input(UpdateDepartmentInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateDepartment(ctx, input)),
  merge: manage
    .input(MergeInput)
    .output(MergeResult)
    .mutation(({ ctx, input }) => mergeNamedEntities(ctx, "department", input)),
  addAlias: manage
    .input(AddAliasInput)
    .output(AddedAlias)
    .mutation(({ ctx, input }) => addAlias(ctx, "department", input)),
  removeAlias: manage
    .input(RemoveAliasInput)
    .output(Alias)
    .mutation(({ ctx, input }) => removeAlias(ctx, "department", input)),
  ...archiveProcedures("departments"),
});
