import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { archiveProcedures } from "../archive";
import { ArchiveResult, IdInput, ListInput, NamedRef } from "../schemas";
import { listCategories, listCustomFields, listManufacturers, listModels } from "./queries";
import {
  AddCustomFieldInput,
  CategoryFieldsInput,
  CategoryListItem,
  CreateCategoryInput,
  CreateManufacturerInput,
  CreateModelInput,
  CustomFieldItem,
  ManufacturerListItem,
  ModelListItem,
  ModelsInput,
  ReorderCustomFieldsInput,
  UpdateCategoryInput,
  UpdateCustomFieldInput,
  UpdateManufacturerInput,
  UpdateModelInput,
} from "./schemas";
import { addCustomField } from "./services/add-custom-field";
import { createCategory } from "./services/create-category";
import { createManufacturer } from "./services/create-manufacturer";
import { createModel } from "./services/create-model";
import { reorderCustomFields } from "./services/reorder-custom-fields";
import { setCustomFieldArchived } from "./services/set-custom-field-archived";
import { updateCategory } from "./services/update-category";
import { updateCustomField } from "./services/update-custom-field";
import { updateManufacturer } from "./services/update-manufacturer";
import { updateModel } from "./services/update-model";

const read = tenantProcedure(can.readTenant);
const manage = tenantProcedure(can.manageAssets);
const FieldRef = z.object({ id: z.string(), key: z.string(), label: z.string() });

export const categoriesProcedure = read
  .input(ListInput)
  .output(z.array(CategoryListItem))
  .query(({ ctx, input }) => listCategories(ctx.db, ctx.tenantId, input));

/** The active custom fields of a category, in order: what an asset form shows and validates. */
export const categoryFieldsProcedure = read
  .input(CategoryFieldsInput)
  .output(z.array(CustomFieldItem))
  .query(({ ctx, input }) =>
    listCustomFields(ctx.db, ctx.tenantId, input.categoryId, { includeArchived: false }),
  );

export const categoryRouter = router({
  create: manage
    .input(CreateCategoryInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createCategory(ctx, input)),
  update: manage
    .input(UpdateCategoryInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateCategory(ctx, input)),
  addField: manage
    .input(AddCustomFieldInput)
    .output(FieldRef)
    .mutation(({ ctx, input }) => addCustomField(ctx, input)),
  updateField: manage
    .input(UpdateCustomFieldInput)
    .output(FieldRef)
    .mutation(({ ctx, input }) => updateCustomField(ctx, input)),
  reorderFields: manage
    .input(ReorderCustomFieldsInput)
    .output(z.object({ categoryId: z.string(), keys: z.array(z.string()) }))
    .mutation(({ ctx, input }) => reorderCustomFields(ctx, input)),
  archiveField: manage
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setCustomFieldArchived(ctx, input, true)),
  unarchiveField: manage
    .input(IdInput)
    .output(ArchiveResult)
    .mutation(({ ctx, input }) => setCustomFieldArchived(ctx, input, false)),
  ...archiveProcedures("categories"),
});

export const manufacturersProcedure = read
  .input(ListInput)
  .output(z.array(ManufacturerListItem))
  .query(({ ctx, input }) => listManufacturers(ctx.db, ctx.tenantId, input));

export const manufacturerRouter = router({
  create: manage
    .input(CreateManufacturerInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createManufacturer(ctx, input)),
  update: manage
    .input(UpdateManufacturerInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateManufacturer(ctx, input)),
  ...archiveProcedures("manufacturers"),
});

export const modelsProcedure = read
  .input(ModelsInput)
  .output(z.array(ModelListItem))
  .query(({ ctx, input }) => listModels(ctx.db, ctx.tenantId, input));

export const modelRouter = router({
  create: manage
    .input(CreateModelInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => createModel(ctx, input)),
  update: manage
    .input(UpdateModelInput)
    .output(NamedRef)
    .mutation(({ ctx, input }) => updateModel(ctx, input)),
  ...archiveProcedures("asset_models"),
});
