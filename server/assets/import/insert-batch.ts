import { randomUUID } from "node:crypto";
import type { Actor, EventName } from "@/inngest/events";
import type { Trx } from "../../db";
import { type EmitInput, emitMany } from "../../events/emit";
import { reserveAssetTags } from "../tags";
import type { ImportRow, RowProblem } from "./validate-rows";

export type InsertBatchInput = {
  tenantId: string;
  actor: Actor;
  importId: string;
  rows: readonly ImportRow[];
  /** Tags set by hand anywhere in the file (lower case): generated tags never take them. */
  fileTags: ReadonlySet<string>;
};

/**
 * Writes one batch of validated rows in the caller's transaction with a handful of multi-row
 * statements: the assets (tags for untagged rows reserved in one step), one event per asset
 * (asset.created, then asset.assigned for assigned rows) and their history entries ("purchase",
 * then "assignment"). A row whose tag or serial was taken since validation is skipped by the
 * unique indexes (ON CONFLICT DO NOTHING) and reported, never half-written.
 */
export async function insertImportBatch(trx: Trx, input: InsertBatchInput) {
  const { tenantId, actor, importId } = input;
  const generated = await reserveAssetTags(
    trx,
    tenantId,
    input.rows.filter((row) => row.tag === null).length,
    input.fileTags,
  );
  let nextGenerated = 0;
  const planned = input.rows.map((row) => ({
    row,
    id: randomUUID(),
    tag: row.tag ?? (generated[nextGenerated++] as string),
  }));

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
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .execute();
  const insertedIds = new Set(inserted.map((asset) => asset.id));
  const written = planned.filter((asset) => insertedIds.has(asset.id));
  const problems: RowProblem[] = planned
    .filter((asset) => !insertedIds.has(asset.id))
    .map(({ row, tag }) => ({
      line: row.line,
      column: null,
      value: row.serial ? `${tag} / ${row.serial}` : tag,
      code: "taken_during_import",
      stage: "write",
      message: `Tag ${tag}${row.serial ? ` or serial ${row.serial}` : ""} was given to another asset while the import ran.`,
    }));

  const events: Array<EmitInput<EventName>> = [];
  const history: Array<{ assetId: string; type: "purchase" | "assignment"; row: ImportRow; event: number }> =
    [];
  for (const { row, id, tag } of written) {
    history.push({ assetId: id, type: "purchase", row, event: events.length });
    events.push({
      tenantId,
      name: "asset.created",
      actor,
      entityId: id,
      data: { tag, name: row.name, status: row.status.label },
    });
    if (row.employeeId) {
      history.push({ assetId: id, type: "assignment", row, event: events.length });
      events.push({
        tenantId,
        name: "asset.assigned",
        actor,
        entityId: id,
        data: { tag, employeeId: row.employeeId, expectedReturnAt: null },
      });
    }
  }
  const emitted = await emitMany(trx, events);
  if (history.length > 0) {
    await trx
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
          data: JSON.stringify({ importId, line: row.line }),
        })),
      )
      .execute();
  }
  return { imported: written.length, problems };
}
