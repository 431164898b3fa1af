import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { z } from "zod";
import type { Executor } from "../db";
import type { AssetListInput } from "./list-input";

type ListFilters = Omit<z.output<typeof AssetListInput>, "sort" | "dir" | "page" | "pageSize">;

const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Ids of the tenant's assets whose tag, serial or name, or whose holder's name, contains `q`
 * (lower-cased), at most `maxRows` of them. One or two characters are too short for trigrams:
 * they match the start of a tag or serial instead. The terms are looked up in asset_search and
 * employee_search through security-definer functions (db/migrations/0005-asset-indexes.ts),
 * because under row-level security LIKE cannot use an index on assets itself.
 */
export function matchingAssetIds(q: string, tenantId: string, maxRows: number | null = null) {
  if (q.length < 3)
    return sql<{ id: string }>`select app_assets_with_code_prefix(${q}, ${maxRows}::int) as id`;
  const pattern = containsPattern(q);
  return sql<{ id: string }>`select app_assets_matching(${pattern}, ${maxRows}::int) as id
    union
    select held.id from assets as held
     where held.tenant_id = ${tenantId} and held.employee_id in (select app_employees_matching(${pattern}))`;
}

/**
 * The same search tested on each asset row: for a search that matches a large share of the
 * assets, reading the list in its sort order and testing rows finds a page sooner than fetching
 * every match.
 */
export function matchesSearch(q: string): RawBuilder<SqlBool> {
  if (q.length < 3) return sql<SqlBool>`(lower(assets.tag) ^@ ${q} or lower(assets.serial) ^@ ${q})`;
  const pattern = containsPattern(q);
  return sql<SqlBool>`(lower(assets.tag || ' ' || coalesce(assets.serial, '') || ' ' || assets.name) like ${pattern}
    or assets.employee_id in (select app_employees_matching(${pattern})))`;
}

/**
 * The tenant's assets narrowed by the list's filters, from assets alone. A join to statuses here
 * would mislead the planner: it cannot know that a tenant's assets only use that tenant's
 * statuses, so it estimated a fifth of the rows (a 200th with 200 tenants) and chose plans for
 * the wrong size. Kinds are matched by a sub-select on statuses instead.
 */
export function assetsMatching(db: Executor, tenantId: string, input: ListFilters) {
  const q = input.q?.toLowerCase();
  return db
    .selectFrom("assets")
    .where("assets.tenant_id", "=", tenantId)
    .$if(Boolean(input.statusIds?.length), (qb) => qb.where("assets.status_id", "in", input.statusIds ?? []))
    .$if(Boolean(input.kinds?.length), (qb) =>
      qb.where("assets.status_id", "in", (eb) =>
        eb
          .selectFrom("statuses")
          .select("statuses.id")
          .where("statuses.tenant_id", "=", tenantId)
          .where("statuses.kind", "in", input.kinds ?? []),
      ),
    )
    .$if(Boolean(input.categoryIds?.length), (qb) =>
      qb.where("assets.category_id", "in", input.categoryIds ?? []),
    )
    .$if(input.locationId !== undefined, (qb) => qb.where("assets.location_id", "=", input.locationId ?? ""))
    .$if(input.employeeId !== undefined, (qb) => qb.where("assets.employee_id", "=", input.employeeId ?? ""))
    .$if(input.warrantyExpiringDays !== undefined, (qb) =>
      qb.where(
        sql<SqlBool>`assets.warranty_end between current_date and current_date + ${input.warrantyExpiringDays ?? 0}::int`,
      ),
    )
    .$if(Boolean(q), (qb) => qb.where(sql<SqlBool>`assets.id in (${matchingAssetIds(q ?? "", tenantId)})`));
}

/**
 * The tenant's assets (joined to their status) narrowed by the list's filters: the one definition
 * the list page, the CSV export and the label sheet share, so they always agree on "the current list".
 */
export function filteredAssets(db: Executor, tenantId: string, input: ListFilters) {
  return assetsMatching(db, tenantId, input).innerJoin("statuses", "statuses.id", "assets.status_id");
}

/**
 * Each list sort as a total order with a key keyset paging can compare (`(key, id) > (…)`): null
 * dates become 'infinity', which sorts exactly where the list puts nulls (last going up).
 */
export const assetSortKeys = {
  created: { expression: sql`assets.created_at`, type: sql`timestamptz` },
  tag: { expression: sql`lower(assets.tag)`, type: sql`text` },
  name: { expression: sql`lower(assets.name)`, type: sql`text` },
  warranty_end: { expression: sql`coalesce(assets.warranty_end, 'infinity'::date)`, type: sql`date` },
  purchase_date: { expression: sql`coalesce(assets.purchase_date, 'infinity'::date)`, type: sql`date` },
} as const;
