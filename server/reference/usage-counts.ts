import type { AliasedSelectQueryBuilder, Kysely } from "kysely";
import type { Executor } from "../db";

/** The references the reference-data lists count ("used by N assets", "3 departments", ...). */
type CountedReferences = {
  assets: "category_id" | "model_id" | "status_id" | "location_id";
  asset_models: "manufacturer_id";
  departments: "organization_id";
  employees: "department_id" | "location_id";
  locations: "parent_id";
};

/**
 * How many of the tenant's `table` rows point at each value of `column`, as one grouped subquery
 * aliased `alias` ({ [column], count }), to left-join onto a list: one query for the whole list,
 * none per row. Rows that point nowhere (null) are left out. A parent's count in a tree
 * (locations.parent_id) counts the table against itself: the subquery's own FROM shadows the
 * outer one.
 */
export function usageCounts<
  T extends keyof CountedReferences,
  C extends CountedReferences[T],
  A extends string,
>(
  db: Executor,
  tenantId: string,
  table: T,
  column: C,
  alias: A,
): AliasedSelectQueryBuilder<{ [K in C]: string | null } & { count: string }, A> {
  // Kysely cannot check a select over a union of tables and columns, so the query is written
  // against one stand-in table; CountedReferences is what keeps the names real.
  const untyped = db as unknown as Kysely<{ counted: Record<string, string | null> }>;
  return untyped
    .selectFrom(table as unknown as "counted")
    .select([column as string, (eb) => eb.fn.countAll<string>().as("count")])
    .where("tenant_id", "=", tenantId)
    .where(column as string, "is not", null)
    .groupBy(column as string)
    .as(alias) as unknown as AliasedSelectQueryBuilder<{ [K in C]: string | null } & { count: string }, A>;
}
