import type { Executor } from "../../db";
import type { ListOptions } from "../schemas";
import { usageCounts } from "../usage-counts";
import type { CustomFieldDefinition, CustomFieldType } from "./custom-fields";
import type {
  CategoryListItem,
  CustomFieldItem,
  ManufacturerListItem,
  ModelListItem,
  ModelsInput,
} from "./schemas";

const fieldColumns = [
  "id",
  "category_id",
  "key",
  "label",
  "type",
  "required",
  "options",
  "position",
  "archived_at",
] as const;

type FieldRow = {
  id: string;
  key: string;
  label: string;
  type: string;
  required: boolean;
  options: unknown;
  position: number;
  archived_at: Date | null;
};

const toField = (row: FieldRow): CustomFieldItem => ({
  id: row.id,
  key: row.key,
  label: row.label,
  type: row.type as CustomFieldType,
  required: row.required,
  options: Array.isArray(row.options) ? row.options.map(String) : [],
  position: row.position,
  archivedAt: row.archived_at,
});

export async function listCategories(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<CategoryListItem[]> {
  const [rows, fields] = await Promise.all([
    db
      .selectFrom("categories")
      .leftJoin(
        usageCounts(db, tenantId, "assets", "category_id", "usage"),
        "usage.category_id",
        "categories.id",
      )
      .select(["id", "name", "depreciation_months", "archived_at", "usage.count"])
      .where("tenant_id", "=", tenantId)
      .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
      .orderBy("name")
      .execute(),
    db
      .selectFrom("custom_field_definitions")
      .select(fieldColumns)
      .where("tenant_id", "=", tenantId)
      .orderBy("position")
      .orderBy("created_at")
      .execute(),
  ]);
  const byCategory = new Map<string, CustomFieldItem[]>();
  for (const row of fields) {
    byCategory.set(row.category_id, [...(byCategory.get(row.category_id) ?? []), toField(row)]);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    depreciationMonths: row.depreciation_months,
    archivedAt: row.archived_at,
    assetCount: Number(row.count ?? 0),
    fields: byCategory.get(row.id) ?? [],
  }));
}

/**
 * A category's custom fields in order. Without archived ones this is what an asset form shows and
 * what `validateCustomFields` checks values against.
 */
export async function listCustomFields(
  db: Executor,
  tenantId: string,
  categoryId: string,
  options: ListOptions,
): Promise<Array<CustomFieldItem & CustomFieldDefinition>> {
  const rows = await db
    .selectFrom("custom_field_definitions")
    .select(fieldColumns)
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", categoryId)
    .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  return rows.map(toField);
}

export async function listManufacturers(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<ManufacturerListItem[]> {
  const rows = await db
    .selectFrom("manufacturers")
    .leftJoin(
      usageCounts(db, tenantId, "asset_models", "manufacturer_id", "usage"),
      "usage.manufacturer_id",
      "manufacturers.id",
    )
    .select(["id", "name", "archived_at", "usage.count"])
    .where("tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
    .orderBy("name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    modelCount: Number(row.count ?? 0),
  }));
}

export async function listModels(
  db: Executor,
  tenantId: string,
  options: ModelsInput,
): Promise<ModelListItem[]> {
  const rows = await db
    .selectFrom("asset_models")
    .innerJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
    .leftJoin("categories", "categories.id", "asset_models.category_id")
    .leftJoin(usageCounts(db, tenantId, "assets", "model_id", "usage"), "usage.model_id", "asset_models.id")
    .select([
      "asset_models.id",
      "asset_models.name",
      "asset_models.model_number",
      "asset_models.manufacturer_id",
      "manufacturers.name as manufacturer_name",
      "asset_models.category_id",
      "categories.name as category_name",
      "asset_models.archived_at",
      "usage.count",
    ])
    .where("asset_models.tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) =>
      qb.where("asset_models.archived_at", "is", null).where("manufacturers.archived_at", "is", null),
    )
    .$if(options.manufacturerId !== undefined, (qb) =>
      qb.where("asset_models.manufacturer_id", "=", options.manufacturerId ?? ""),
    )
    .orderBy("manufacturers.name")
    .orderBy("asset_models.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    modelNumber: row.model_number,
    manufacturerId: row.manufacturer_id,
    manufacturerName: row.manufacturer_name,
    categoryId: row.category_id,
    categoryName: row.category_name,
    archivedAt: row.archived_at,
    assetCount: Number(row.count ?? 0),
  }));
}
