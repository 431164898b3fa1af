import type { Executor } from "../db";
import { AppError } from "../errors";
import { bookValue } from "./depreciation";
import { allowedStatusTargets, type StatusKind } from "./lifecycle";
import { locationLabels } from "./list/location-labels";

/**
 * Everything the asset page shows, in three indexed queries, and a fourth for its location's
 * name (its path where the name alone is ambiguous, as the list shows it).
 */
export async function getAssetDetail(db: Executor, tenantId: string, assetId: string) {
  const row = await db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .innerJoin("categories", "categories.id", "assets.category_id")
    .leftJoin("asset_models", "asset_models.id", "assets.model_id")
    .leftJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
    .leftJoin("employees", "employees.id", "assets.employee_id")
    .selectAll("assets")
    .select([
      "statuses.label as status_label",
      "statuses.kind as status_kind",
      "statuses.color as status_color",
      "categories.name as category_name",
      "categories.depreciation_months",
      "asset_models.name as model_name",
      "manufacturers.name as manufacturer_name",
      "employees.display_name as employee_name",
      "employees.work_email as employee_email",
    ])
    .where("assets.tenant_id", "=", tenantId)
    .where("assets.id", "=", assetId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That asset does not exist in this organization.");

  const fields = await db
    .selectFrom("custom_field_definitions")
    .select(["key", "label", "type", "required", "options"])
    .where("tenant_id", "=", tenantId)
    .where("category_id", "=", row.category_id)
    .where("archived_at", "is", null)
    .orderBy("position")
    .execute();

  const kind = row.status_kind as StatusKind;
  return {
    id: row.id,
    tag: row.tag,
    name: row.name,
    serial: row.serial,
    status: { id: row.status_id, label: row.status_label, kind, color: row.status_color },
    allowedStatusKinds: [...allowedStatusTargets(kind)],
    category: { id: row.category_id, name: row.category_name, depreciationMonths: row.depreciation_months },
    model: row.model_id
      ? { id: row.model_id, name: row.model_name ?? "", manufacturer: row.manufacturer_name ?? "" }
      : null,
    location: row.location_id
      ? {
          id: row.location_id,
          name: (await locationLabels(db, tenantId, [row.location_id])).get(row.location_id) ?? "",
        }
      : null,
    employee: row.employee_id
      ? { id: row.employee_id, name: row.employee_name ?? "", email: row.employee_email }
      : null,
    purchaseDate: row.purchase_date,
    cost: row.cost,
    bookValue: bookValue(row.cost, row.purchase_date, row.depreciation_months),
    vendor: row.vendor,
    orderNumber: row.order_number,
    warrantyEnd: row.warranty_end,
    endOfLife: row.end_of_life,
    notes: row.notes,
    lastMaintenanceAt: row.last_maintenance_at,
    expectedReturnAt: row.expected_return_at,
    customFields: row.custom_fields as Record<string, unknown>,
    customFieldDefinitions: fields.map((field) => ({ ...field, options: field.options as string[] })),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The asset's history, newest first (asset_transactions_asset_idx). */
export async function getAssetHistory(db: Executor, tenantId: string, assetId: string, limit = 200) {
  const rows = await db
    .selectFrom("asset_transactions as t")
    .leftJoin("statuses as from_status", "from_status.id", "t.from_status_id")
    .leftJoin("statuses as to_status", "to_status.id", "t.to_status_id")
    .leftJoin("employees as from_employee", "from_employee.id", "t.from_employee_id")
    .leftJoin("employees as to_employee", "to_employee.id", "t.to_employee_id")
    .leftJoin("locations as from_location", "from_location.id", "t.from_location_id")
    .leftJoin("locations as to_location", "to_location.id", "t.to_location_id")
    .select([
      "t.id",
      "t.type",
      "t.condition",
      "t.notes",
      "t.actor_label",
      "t.occurred_at",
      "t.data",
      "from_status.label as from_status",
      "to_status.label as to_status",
      "from_employee.display_name as from_employee",
      "to_employee.display_name as to_employee",
      "from_location.name as from_location",
      "to_location.name as to_location",
    ])
    .where("t.tenant_id", "=", tenantId)
    .where("t.asset_id", "=", assetId)
    .orderBy("t.occurred_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    condition: row.condition,
    notes: row.notes,
    actor: row.actor_label,
    occurredAt: row.occurred_at,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    fromEmployee: row.from_employee,
    toEmployee: row.to_employee,
    fromLocation: row.from_location,
    toLocation: row.to_location,
    data: row.data as Record<string, unknown>,
  }));
}
