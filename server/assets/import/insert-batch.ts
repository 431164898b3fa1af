import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { EventName } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { Trx } from "../../db";
import { type EventInput, emitMany } from "../../events/emit";
import { reserveAssetTags } from "../tags";
import type { ImportRow, RowProblem } from "./validate-rows";

export type InsertBatchInput = {
  importId: string;
  rows: readonly ImportRow[];
  /** Tags set by hand anywhere in the file (lower case): generated tags never take them. */
  fileTags: ReadonlySet<string>;
};

/**
 * The id of the asset written from `line` of an import: the same on every attempt, so a batch
 * written again after a crash finds its own rows instead of taking them for someone else's.
 */
export function importedAssetId(importId: string, line: number): string {
  const hex = createHash("sha256").update(`${importId}:${line}`).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/** Lets the caller's transaction see (and publish, or delete) the import's hidden rows. */
export async function seeImportRows(trx: Trx, importId: string): Promise<void> {
  await sql`select set_config('app.import_id', ${importId}, true)`.execute(trx);
}

type WrittenAsset = { row: ImportRow; id: string; tag: string };

/**
 * Inserts one batch of validated rows in the caller's transaction with one multi-row statement
 * (tags for untagged rows reserved in one step). `hidden`: the rows are written for the import
 * only (assets.import_pending_id; the caller has called seeImportRows), until publishImportedAssets.
 * A row whose tag or serial was taken since validation is skipped by the unique indexes (ON
 * CONFLICT DO NOTHING) and reported, never half-written; a row this import wrote on an earlier
 * attempt counts as written.
 */
async function insertImportedAssets(
  { db: trx, tenantId }: TenantScope,
  input: InsertBatchInput,
  options: { hidden: boolean },
) {
  const { importId } = input;
  const generated = await reserveAssetTags(
    trx,
    tenantId,
    input.rows.filter((row) => row.tag === null).length,
    input.fileTags,
  );
  let nextGenerated = 0;
  const planned = input.rows.map((row) => ({
    row,
    id: importedAssetId(importId, row.line),
    tag: row.tag ?? (generated[nextGenerated++] as string),
  }));
  if (planned.length === 0) return { written: [] as WrittenAsset[], problems: [] as RowProblem[] };

  const inserted = await trx
    .insertInto("assets")
    .values(
      planned.map(({ row, id, tag }) => ({
        id,
        tenant_id: tenantId,
        tag,
        name: row.name,
        serial: row.serial,
        category_id: row.categoryId,
        model_id: row.modelId,
        status_id: row.status.id,
        location_id: row.locationId,
        employee_id: row.employeeId,
        purchase_date: row.purchaseDate,
        cost: row.cost,
        vendor: row.vendor,
        order_number: row.orderNumber,
        warranty_end: row.warrantyEnd,
        end_of_life: row.endOfLife,
        notes: row.notes,
        custom_fields: JSON.stringify(row.customFields),
        import_pending_id: options.hidden ? importId : null,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning(["id", "tag"])
    .execute();
  const tags = new Map(inserted.map((asset) => [asset.id, asset.tag]));
  const missing = planned.filter((asset) => !tags.has(asset.id));
  if (options.hidden && missing.length > 0) {
    // Written by this import's earlier attempt (hidden, so only this transaction sees them).
    const earlier = await trx
      .selectFrom("assets")
      .select(["id", "tag"])
      .where("tenant_id", "=", tenantId)
      .where("import_pending_id", "=", importId)
      .where(
        "id",
        "in",
        missing.map((asset) => asset.id),
      )
      .execute();
    for (const asset of earlier) tags.set(asset.id, asset.tag);
  }
  const written = planned.flatMap((asset) => {
    const tag = tags.get(asset.id);
    return tag === undefined ? [] : [{ ...asset, tag }];
  });
  const problems: RowProblem[] = planned
    .filter((asset) => !tags.has(asset.id))
    .map(({ row, tag }) => ({
      line: row.line,
      column: null,
      value: row.serial ? `${tag} / ${row.serial}` : tag,
      code: "taken_during_import",
      stage: "write",
      message: `Tag ${tag}${row.serial ? ` or serial ${row.serial}` : ""} was given to another asset while the import ran.`,
    }));
  return { written, problems };
}

/**
 * The record of assets an import made visible: one event per asset (asset.created, then
 * asset.assigned for assigned rows) and their history entries ("purchase", then "assignment"),
 * by the scope's actor for the scope's cause.
 */
async function recordImportedAssets(
  scope: TenantScope,
  input: InsertBatchInput,
  written: readonly WrittenAsset[],
) {
  const { tenantId, actor } = scope;
  const events: Array<EventInput<EventName>> = [];
  const history: Array<{ assetId: string; type: "purchase" | "assignment"; row: ImportRow; event: number }> =
    [];
  for (const { row, id, tag } of written) {
    history.push({ assetId: id, type: "purchase", row, event: events.length });
    events.push({
      name: "asset.created",
      entityId: id,
      data: { tag, name: row.name, status: row.status.label },
    });
    if (row.employeeId) {
      history.push({ assetId: id, type: "assignment", row, event: events.length });
      events.push({
        name: "asset.assigned",
        entityId: id,
        data: { tag, employeeId: row.employeeId, expectedReturnAt: null },
      });
    }
  }
  const emitted = await emitMany(scope, events);
  if (history.length > 0) {
    await scope.db
      .insertInto("asset_transactions")
      .values(
        history.map(({ assetId, type, row, event }) => ({
          tenant_id: tenantId,
          asset_id: assetId,
          type,
          to_status_id: row.status.id,
          to_location_id: type === "purchase" ? row.locationId : null,
          to_employee_id: type === "assignment" ? row.employeeId : null,
          actor_id: actor.id,
          actor_label: actor.label,
          event_id: emitted[event]?.id ?? null,
          data: JSON.stringify({ importId: input.importId, line: row.line }),
        })),
      )
      .execute();
  }
}

/**
 * Writes one batch of validated rows, visible at once, with their events and history entries
 * ("valid_only").
 */
export async function insertImportBatch(scope: TenantScope, input: InsertBatchInput) {
  const { written, problems } = await insertImportedAssets(scope, input, { hidden: false });
  await recordImportedAssets(scope, input, written);
  return { imported: written.length, problems };
}

/** Writes one batch of validated rows hidden, for an "all_or_nothing" import to publish later. */
export async function stageImportBatch(scope: TenantScope, input: InsertBatchInput) {
  await seeImportRows(scope.db, input.importId);
  const { written, problems } = await insertImportedAssets(scope, input, { hidden: true });
  return { staged: written.length, problems };
}

/**
 * Makes a batch of an "all_or_nothing" import's hidden rows visible, with their events and
 * history entries. Rows published already (an earlier attempt) are left alone.
 */
export async function publishImportBatch(scope: TenantScope, input: InsertBatchInput) {
  await seeImportRows(scope.db, input.importId);
  if (input.rows.length === 0) return { published: 0 };
  const rowOf = new Map(input.rows.map((row) => [importedAssetId(input.importId, row.line), row]));
  const published = await scope.db
    .updateTable("assets")
    .set({ import_pending_id: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("import_pending_id", "=", input.importId)
    .where("id", "in", [...rowOf.keys()])
    .returning(["id", "tag"])
    .execute();
  await recordImportedAssets(
    scope,
    input,
    published.map(({ id, tag }) => ({ id, tag, row: rowOf.get(id) as ImportRow })),
  );
  return { published: published.length };
}

/** Deletes up to `limit` of an import's hidden rows; how many went. */
export async function discardHiddenBatch(
  trx: Trx,
  input: { tenantId: string; importId: string },
  limit: number,
) {
  await seeImportRows(trx, input.importId);
  const gone = await trx
    .deleteFrom("assets")
    .where(
      "id",
      "in",
      trx
        .selectFrom("assets")
        .select("id")
        .where("tenant_id", "=", input.tenantId)
        .where("import_pending_id", "=", input.importId)
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}
