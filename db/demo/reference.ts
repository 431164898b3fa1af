import { defaultStatuses, type StatusKind } from "@/server/assets/lifecycle";
import type { Trx } from "@/server/db";
import { normalizeName } from "@/server/reference/names/normalize";
import { type CategoryName, categories } from "./catalog";

export type StatusRef = { id: string; label: string };

/**
 * The tenant's status of each kind, adding the defaults (server/assets/lifecycle.ts) for kinds it
 * has none of. Tenant creation does not add statuses yet; once it does, this adds nothing.
 */
export async function ensureDefaultStatuses(trx: Trx, tenantId: string): Promise<Map<StatusKind, StatusRef>> {
  const existingKinds = new Set(
    (await trx.selectFrom("statuses").select("kind").where("tenant_id", "=", tenantId).execute()).map(
      (row) => row.kind,
    ),
  );
  const missing = defaultStatuses.filter((status) => !existingKinds.has(status.kind));
  if (missing.length) {
    await trx
      .insertInto("statuses")
      .values(missing.map((status) => ({ tenant_id: tenantId, ...status, is_default: true })))
      .execute();
  }
  const rows = await trx
    .selectFrom("statuses")
    .select(["id", "label", "kind"])
    .where("tenant_id", "=", tenantId)
    .where("archived_at", "is", null)
    .orderBy("is_default", "desc")
    .orderBy("created_at")
    .execute();
  const byKind = new Map<StatusKind, StatusRef>();
  for (const row of rows) {
    const kind = row.kind as StatusKind;
    if (!byKind.has(kind)) byKind.set(kind, { id: row.id, label: row.label });
  }
  return byKind;
}

export type CatalogIds = {
  category: (name: CategoryName) => string;
  model: (manufacturer: string, name: string) => string;
  counts: { categories: number; fields: number; manufacturers: number; models: number };
};

/** Categories with their custom fields, manufacturers and models, a few multi-row inserts. */
export async function insertCatalog(trx: Trx, tenantId: string): Promise<CatalogIds> {
  const categoryRows = await trx
    .insertInto("categories")
    .values(
      categories.map((category) => ({
        tenant_id: tenantId,
        name: category.name,
        normalized_name: normalizeName(category.name),
        depreciation_months: category.depreciationMonths,
      })),
    )
    .returning(["id", "name"])
    .execute();
  const categoryIds = new Map(categoryRows.map((row) => [row.name, row.id]));
  const categoryId = (name: string) => {
    const id = categoryIds.get(name);
    if (!id) throw new Error(`demo category ${name} not inserted`);
    return id;
  };

  const fields = categories.flatMap((category) =>
    category.fields.map((field, position) => ({
      tenant_id: tenantId,
      category_id: categoryId(category.name),
      key: field.key,
      label: field.label,
      type: field.type,
      options: JSON.stringify(field.options ?? []),
      position,
    })),
  );
  await trx.insertInto("custom_field_definitions").values(fields).execute();

  const manufacturerNames = [
    ...new Set(categories.flatMap((category) => category.models.map((model) => model.manufacturer))),
  ];
  const manufacturerRows = await trx
    .insertInto("manufacturers")
    .values(
      manufacturerNames.map((name) => ({ tenant_id: tenantId, name, normalized_name: normalizeName(name) })),
    )
    .returning(["id", "name"])
    .execute();
  const manufacturerIds = new Map(manufacturerRows.map((row) => [row.name, row.id]));
  const manufacturerId = (name: string) => {
    const id = manufacturerIds.get(name);
    if (!id) throw new Error(`demo manufacturer ${name} not inserted`);
    return id;
  };

  const models = categories.flatMap((category) =>
    category.models.map((model) => ({
      tenant_id: tenantId,
      manufacturer_id: manufacturerId(model.manufacturer),
      category_id: categoryId(category.name),
      name: model.name,
      model_number: model.modelNumber,
    })),
  );
  const modelRows = await trx
    .insertInto("asset_models")
    .values(models)
    .returning(["id", "name", "manufacturer_id"])
    .execute();
  const modelIds = new Map(modelRows.map((row) => [`${row.manufacturer_id}|${row.name}`, row.id]));

  return {
    category: categoryId,
    model: (manufacturer, name) => {
      const id = modelIds.get(`${manufacturerId(manufacturer)}|${name}`);
      if (!id) throw new Error(`demo model ${manufacturer} ${name} not inserted`);
      return id;
    },
    counts: {
      categories: categoryRows.length,
      fields: fields.length,
      manufacturers: manufacturerRows.length,
      models: modelRows.length,
    },
  };
}
