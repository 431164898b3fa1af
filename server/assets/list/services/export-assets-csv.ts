import type { z } from "zod";
import { type CsvValue, csvRow } from "../../../audit/csv";
import type { SessionUser } from "../../../context";
import { parseExportFilters, streamCsvByIds } from "../../../csv-export";
import { type Db, type Executor, withTenant } from "../../../db";
import { AppError } from "../../../errors";
import { claimHeavyJob, exportBatchSizer } from "../../../heavy-jobs";
import { can, hasRole } from "../../../roles";
import { DEFAULT_CURRENCY } from "../../../tenants/currency";
import { locationLabels } from "../location-labels";
import { assetSortKeys, filteredAssets } from "../queries";
import { AssetListInput } from "../schemas";

type ExportInput = z.output<typeof AssetListInput>;

/** Headers an import maps back to the same fields (see server/assets/import/fields.ts). */
export const ASSET_CSV_COLUMNS = [
  "Asset Tag",
  "Name",
  "Serial Number",
  "Category",
  "Model",
  "Manufacturer",
  "Status",
  "Location",
  "Assigned To",
  "Assigned To Name",
  "Purchase Date",
  "Cost",
  /** The organization's currency, beside each cost; an import leaves the column unmapped. */
  "Currency",
  "Vendor",
  "Order Number",
  "Warranty End",
  "End of Life",
  "Notes",
] as const;

/** Every matching asset's id in the list's order, in one query (see server/csv-export.ts). */
async function orderedIds(db: Executor, tenantId: string, input: ExportInput): Promise<string[]> {
  const sort = assetSortKeys[input.sort];
  const rows = await filteredAssets(db, tenantId, input)
    .select("assets.id")
    .orderBy(sort.expression, input.dir)
    .orderBy("assets.id", input.dir)
    .execute();
  return rows.map((row) => row.id);
}

/** The export's columns of these assets (by primary key), in the order of `ids`. */
async function rowsOf(db: Executor, tenantId: string, ids: readonly string[]) {
  const rows = await db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .innerJoin("categories", "categories.id", "assets.category_id")
    .leftJoin("asset_models", "asset_models.id", "assets.model_id")
    .leftJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
    .leftJoin("employees", "employees.id", "assets.employee_id")
    .select([
      "assets.id",
      "assets.tag",
      "assets.name",
      "assets.serial",
      "assets.purchase_date",
      "assets.cost",
      "assets.vendor",
      "assets.order_number",
      "assets.warranty_end",
      "assets.end_of_life",
      "assets.notes",
      "assets.custom_fields",
      "statuses.label as status",
      "categories.name as category",
      "asset_models.name as model",
      "manufacturers.name as manufacturer",
      "assets.location_id",
      "employees.work_email as employee_email",
      "employees.employee_number",
      "employees.display_name as employee_name",
    ])
    .where("assets.tenant_id", "=", tenantId)
    .where("assets.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  // an asset deleted since the export began is left out
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The filtered asset list (the list page's filters and sort) as a CSV stream, every matching row
 * rather than one page: the matching ids in order, then the rows by id in short batches
 * (server/csv-export.ts), so a 100,000-asset export holds no connection and the rows only a batch
 * at a time; a tenant runs at most two exports at once (server/heavy-jobs.ts; the slot is freed
 * when the stream ends, fails or is cancelled).
 * Cells are formula-injection safe (server/audit/csv.ts); custom fields get a column each.
 */
export async function exportAssetsCsv(
  db: Db,
  user: SessionUser,
  rawInput: unknown,
  /** A fixed batch size (tests); by default batches adapt to how long they take. */
  options: { batchSize?: number } = {},
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const { tenantId } = user;
  if (!tenantId || !hasRole(user.role, can.readTenant)) {
    throw new AppError("FORBIDDEN", "Your role does not allow exporting assets.");
  }
  const input = parseExportFilters(AssetListInput, rawInput);
  const release = claimHeavyJob(tenantId, "asset-export");
  try {
    return await streamAssetsCsv(db, tenantId, input, options.batchSize, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function streamAssetsCsv(
  db: Db,
  tenantId: string,
  input: ExportInput,
  fixedBatchSize: number | undefined,
  release: () => void,
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  const { tenant, fields, locations } = await withTenant(db, tenantId, async (trx) => ({
    tenant: await trx
      .selectFrom("tenants")
      .select(["slug", "currency"])
      .where("id", "=", tenantId)
      .executeTakeFirst(),
    fields: await trx
      .selectFrom("custom_field_definitions")
      .select(["key", "label"])
      .distinctOn("key")
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .orderBy("key")
      .execute(),
    // Each location as the list names it (its path where the name alone is ambiguous), which the
    // import reads back to the same location: a tenant has few, so they are labelled once.
    locations: await locationLabels(
      trx,
      tenantId,
      (await trx.selectFrom("locations").select("id").where("tenant_id", "=", tenantId).execute()).map(
        (row) => row.id,
      ),
    ),
  }));
  const filename = `assets-${tenant?.slug ?? tenantId}-${new Date().toISOString().slice(0, 10)}.csv`;

  const sizer = await exportBatchSizer(fixedBatchSize);
  const stream = streamCsvByIds({
    db,
    tenantId,
    name: "asset export",
    header: [...ASSET_CSV_COLUMNS, ...fields.map((field) => field.label)],
    sizer,
    release,
    orderedIds: (trx) => orderedIds(trx, tenantId, input),
    rowsOf: (trx, ids) => rowsOf(trx, tenantId, ids),
    toCsvRow: (row) => {
      // any JSON a row holds is written as a well-formed cell (server/audit/csv.ts)
      const custom = (row.custom_fields ?? {}) as Record<string, CsvValue>;
      return csvRow([
        row.tag,
        row.name,
        row.serial,
        row.category,
        row.model,
        row.manufacturer,
        row.status,
        row.location_id ? locations.get(row.location_id) : null,
        row.employee_email ?? row.employee_number,
        row.employee_name,
        row.purchase_date,
        row.cost,
        row.cost === null ? null : (tenant?.currency ?? DEFAULT_CURRENCY),
        row.vendor,
        row.order_number,
        row.warranty_end,
        row.end_of_life,
        row.notes,
        ...fields.map((field) => custom[field.key]),
      ]);
    },
  });
  return { filename, stream };
}
