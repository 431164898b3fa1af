import { z } from "zod";
import { safeString, text } from "../../schemas/primitives";
import { Name, OptionalText } from "../schemas";
import { customFieldTypes } from "./custom-fields";

const DepreciationMonths = z
  .number({ error: "Enter a whole number of months" })
  .int("Enter a whole number of months")
  .min(1, "Use at least 1 month")
  .max(600, "Use at most 600 months (50 years)")
  .nullable();

export const CreateCategoryInput = z.object({
  name: Name,
  depreciationMonths: DepreciationMonths.default(null),
});
export type CreateCategoryInput = z.infer<typeof CreateCategoryInput>;
export const UpdateCategoryInput = z.object({
  id: z.uuid(),
  name: Name.optional(),
  depreciationMonths: DepreciationMonths.optional(),
});
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;

export const CustomFieldItem = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  type: z.enum(customFieldTypes),
  required: z.boolean(),
  options: z.array(z.string()),
  position: z.number(),
  archivedAt: z.date().nullable(),
});
export type CustomFieldItem = z.infer<typeof CustomFieldItem>;

export const CategoryListItem = z.object({
  id: z.string(),
  name: z.string(),
  depreciationMonths: z.number().nullable(),
  archivedAt: z.date().nullable(),
  assetCount: z.number(),
  fields: z.array(CustomFieldItem),
});
export type CategoryListItem = z.infer<typeof CategoryListItem>;

const FieldLabel = text({ max: 120, minMessage: "Enter a label" });
/** A select field's options: how many, and how long each (the options box counts toward both). */
export const FIELD_OPTION_MAX = 120;
export const FIELD_OPTIONS_MAX = 100;
const FieldOptions = z
  .array(text({ max: FIELD_OPTION_MAX, minMessage: "Options cannot be blank" }))
  .max(FIELD_OPTIONS_MAX, `Use at most ${FIELD_OPTIONS_MAX} options`)
  .refine((options) => new Set(options.map((o) => o.toLowerCase())).size === options.length, {
    message: "Each option must be different",
  });

export const AddCustomFieldInput = z
  .object({
    categoryId: z.uuid(),
    key: safeString()
      .max(63, "Use at most 63 characters")
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "Use lowercase letters, digits and _ (start with a letter)")
      .optional(),
    label: FieldLabel,
    type: z.enum(customFieldTypes),
    required: z.boolean().default(false),
    options: FieldOptions.default([]),
  })
  .refine((field) => field.type !== "select" || field.options.length > 0, {
    message: "A select field needs at least one option",
    path: ["options"],
  });
export type AddCustomFieldInput = z.infer<typeof AddCustomFieldInput>;

export const UpdateCustomFieldInput = z.object({
  id: z.uuid(),
  label: FieldLabel.optional(),
  required: z.boolean().optional(),
  options: FieldOptions.optional(),
});
export type UpdateCustomFieldInput = z.infer<typeof UpdateCustomFieldInput>;

export const ReorderCustomFieldsInput = z.object({
  categoryId: z.uuid(),
  fieldIds: z.array(z.uuid()).min(1).max(200),
});
export type ReorderCustomFieldsInput = z.infer<typeof ReorderCustomFieldsInput>;

export const CategoryFieldsInput = z.object({ categoryId: z.uuid() });

export const ManufacturerListItem = z.object({
  id: z.string(),
  name: z.string(),
  archivedAt: z.date().nullable(),
  modelCount: z.number(),
});
export type ManufacturerListItem = z.infer<typeof ManufacturerListItem>;
export const CreateManufacturerInput = z.object({ name: Name });
export const UpdateManufacturerInput = z.object({ id: z.uuid(), name: Name });

export const ModelListItem = z.object({
  id: z.string(),
  name: z.string(),
  modelNumber: z.string().nullable(),
  manufacturerId: z.string(),
  manufacturerName: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  archivedAt: z.date().nullable(),
  assetCount: z.number(),
});
export type ModelListItem = z.infer<typeof ModelListItem>;
export const ModelsInput = z
  .object({ includeArchived: z.boolean().default(false), manufacturerId: z.uuid().optional() })
  .default({ includeArchived: false });
export type ModelsInput = z.infer<typeof ModelsInput>;
export const CreateModelInput = z.object({
  manufacturerId: z.uuid({ error: "Choose a manufacturer" }),
  name: Name,
  modelNumber: OptionalText(120),
  categoryId: z.uuid().nullable().default(null),
});
export type CreateModelInput = z.infer<typeof CreateModelInput>;
export const UpdateModelInput = z.object({
  id: z.uuid(),
  name: Name.optional(),
  modelNumber: OptionalText(120),
  categoryId: z.uuid().nullable().optional(),
});
export type UpdateModelInput = z.infer<typeof UpdateModelInput>;
