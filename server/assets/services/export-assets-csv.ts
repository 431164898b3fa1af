import { type SqlBool, sql } from "kysely";
import type { z } from "zod";
import { type CsvValue, csvRow } from "../../audit/csv";
import type { SessionUser } from "../../context";
import { type Db, type Executor, inBackground, withTenant } from "../../db";
import { AppError } from "../../errors";
import { claimHeavyJob, exportBatchSizer, yieldToEventLoop } from "../../heavy-jobs";
import { logger } from "../../logger";
import { can } from "../../trpc";
import { assetSortKeys, filteredAssets } from "../list-filter";
import { AssetListInput } from "../list-input";

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
  "Vendor",
  "Order Number",
  "Warranty End",
  "End of Life",
  "Notes",
] as const;

type Cursor = { key: string; id: string };

function batchQuery(
  db: Executor,
  tenantId: string,
  input: ExportInput,
  cursor: Cursor | null,
  limit: number,
) {
  const sort = assetSortKeys[input.sort];
  const after = input.dir === "asc" ? sql`>` : sql`<`;
  return (
    filteredAssets(db, tenantId, input)
      .innerJoin("categories", "categories.id", "assets.category_id")
      .leftJoin("asset_models", "asset_models.id", "assets.model_id")
      .leftJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
      .leftJoin("locations", "locations.id", "assets.location_id")
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
        "locations.name as location",
        "employees.work_email as employee_email",
        "employees.employee_number",
        "employees.display_name as employee_name",
        sql<string>`(${sort.expression})::text`.as("sort_key"),
      ])
      // the first condition lets the sort index seek to the cursor; the second breaks ties by id
      .$if(cursor !== null, (qb) =>
        qb
          .where(
            sql<SqlBool>`${sort.expression} ${input.dir === "asc" ? sql`>=` : sql`<=`} ${cursor?.key}::${sort.type}`,
          )
          .where(
            sql<SqlBool>`(${sort.expression}, assets.id) ${after} (${cursor?.key}::${sort.type}, ${cursor?.id}::uuid)`,
          ),
      )
      .orderBy(sort.expression, input.dir)
      .orderBy("assets.id", input.dir)
      .limit(limit)
      .execute()
  );
}

/**
 * The filtered asset list (the list page's filters and sort) as a CSV stream, every matching row
 * rather than one page: keyset batches, each read in its own short tenant transaction when the
 * client is ready for more, so a 100,000-asset export holds neither the rows nor a connection.
 * Between batches it yields to the event loop, batches are sized to take ~20 ms (on PGlite the
 * query runs on the request thread), and a tenant runs at most two exports at once
 * (server/heavy-jobs.ts; the slot is freed when the stream ends, fails or is cancelled).
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
  if (!tenantId || !(can.readTenant as readonly string[]).includes(user.role)) {
    throw new AppError("FORBIDDEN", "Your role does not allow exporting assets.");
  }
  const parsed = AssetListInput.safeParse(rawInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      issue ? `${issue.path.join(".") || "filters"}: ${issue.message}` : "Invalid filters",
    );
  }
  const input = parsed.data;
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
  const { slug, fields } = await withTenant(db, tenantId, async (trx) => ({
    slug: (await trx.selectFrom("tenants").select("slug").where("id", "=", tenantId).executeTakeFirst())
      ?.slug,
    fields: await trx
      .selectFrom("custom_field_definitions")
      .select(["key", "label"])
      .distinctOn("key")
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .orderBy("key")
      .execute(),
  }));
  const filename = `assets-${slug ?? tenantId}-${new Date().toISOString().slice(0, 10)}.csv`;

  const encoder = new TextEncoder();
  const sizer = await exportBatchSizer(fixedBatchSize);
  let cursor: Cursor | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(csvRow([...ASSET_CSV_COLUMNS, ...fields.map((field) => field.label)])),
      );
    },
    async pull(controller) {
      try {
        await yieldToEventLoop();
        const batchSize = sizer.size();
        const started = performance.now();
        const rows = await inBackground(() =>
          withTenant(db, tenantId, (trx) => batchQuery(trx, tenantId, input, cursor, batchSize)),
        );
        const text = rows
          .map((row) => {
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
              row.location,
              row.employee_email ?? row.employee_number,
              row.employee_name,
              row.purchase_date,
              row.cost,
              row.vendor,
              row.order_number,
              row.warranty_end,
              row.end_of_life,
              row.notes,
              ...fields.map((field) => custom[field.key]),
            ]);
          })
          .join("");
        if (text) controller.enqueue(encoder.encode(text));
        sizer.record(rows.length, performance.now() - started);
        const last = rows.at(-1);
        cursor = last ? { key: last.sort_key, id: last.id } : null;
        if (rows.length < batchSize) {
          controller.close();
          release();
        }
      } catch (error) {
        logger.error("asset export failed", { tenantId, cursor, error });
        controller.error(error);
        release();
      }
    },
    cancel: release,
  });
  return { filename, stream };
}
