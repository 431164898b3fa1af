import { sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";

/** Reference tables whose rows are archived (soft deleted) rather than removed. */
export const archivableTables = [
  "organizations",
  "departments",
  "categories",
  "manufacturers",
  "asset_models",
  "statuses",
  "locations",
] as const;
export type ArchivableTable = (typeof archivableTables)[number];

/** How each table names its rows (statuses have a label, everything else a name). */
export const nameColumnOf = (table: ArchivableTable) => (table === "statuses" ? "label" : "name");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SelectableRow = { id: string; name: string };

/**
 * Archived reference data stays on the records that already use it but cannot be chosen for new
 * ones. Asset, employee and import services call this for every reference a user picks; it
 * returns the row or throws an UNPROCESSABLE AppError the user can act on, e.g.
 * "Category Laptops is archived; choose another." A model whose manufacturer is archived is not
 * selectable either.
 */
export async function assertSelectable(
  trx: Executor,
  tenantId: string,
  table: ArchivableTable,
  id: string,
  label: string,
): Promise<SelectableRow> {
  const title = label.charAt(0).toUpperCase() + label.slice(1);
  const missing = () =>
    new AppError(
      "UNPROCESSABLE",
      `That ${label.toLowerCase()} does not exist in this organization; choose another.`,
      {
        table,
        id,
        reason: "missing",
      },
    );
  if (!uuidPattern.test(id)) throw missing();
  const result = await sql<{ id: string; name: string; archived_at: Date | null }>`
    select id, ${sql.ref(nameColumnOf(table))} as name, archived_at
    from ${sql.table(table)}
    where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
  const row = result.rows[0];
  if (!row) throw missing();
  if (row.archived_at) {
    throw new AppError("UNPROCESSABLE", `${title} ${row.name} is archived; choose another.`, {
      table,
      id,
      reason: "archived",
    });
  }
  if (table === "asset_models") {
    const maker = await trx
      .selectFrom("asset_models")
      .innerJoin("manufacturers", "manufacturers.id", "asset_models.manufacturer_id")
      .select(["manufacturers.name", "manufacturers.archived_at"])
      .where("asset_models.tenant_id", "=", tenantId)
      .where("asset_models.id", "=", id)
      .executeTakeFirstOrThrow();
    if (maker.archived_at) {
      throw new AppError(
        "UNPROCESSABLE",
        `${title} ${row.name} is made by ${maker.name}, which is archived; choose another.`,
        { table, id, reason: "archived" },
      );
    }
  }
  return { id: row.id, name: row.name };
}
