import { type SqlBool, sql } from "kysely";
import type { z } from "zod";
import type { Executor } from "../db";
import type { StatusKind } from "./lifecycle";
import { assetsMatching, matchesSearch, matchingAssetIds } from "./list-filter";
import { AssetListInput, COUNT_CAP } from "./list-input";

type ParsedListInput = z.output<typeof AssetListInput>;

export { AssetListInput, assetSorts, COUNT_CAP } from "./list-input";

const sortColumns = {
  created: "assets.created_at",
  tag: sql`lower(assets.tag)`,
  name: sql`lower(assets.name)`,
  warranty_end: "assets.warranty_end",
  purchase_date: "assets.purchase_date",
} as const;

/**
 * Up to this many matches of a search are fetched as ids; more are a large share of the assets,
 * found sooner by reading the list in order (or the other filters' matches) and testing each row.
 */
const SEARCH_IDS_MAX = 2_000;

/**
 * What the search narrows the list to, looked up once for both the page and the count: how many
 * assets match (counted up to COUNT_CAP + 1) and, when there are few, their ids.
 */
type SearchScope = { matches: number; ids: string[] } | { matches: number; broad: string } | null;

async function searchScope(db: Executor, tenantId: string, input: ParsedListInput): Promise<SearchScope> {
  const q = input.q?.toLowerCase();
  if (!q) return null;
  const { rows } = await sql<{ matches: number; ids: string[] | null }>`
    select count(*)::int as matches,
           case when count(*) <= ${SEARCH_IDS_MAX} then coalesce(array_agg(id), '{}') end as ids
      from (select id from (${matchingAssetIds(q, tenantId, COUNT_CAP + 1)}) as m limit ${COUNT_CAP + 1}) as capped`.execute(
    db,
  );
  const matches = rows[0]?.matches ?? 0;
  const ids = rows[0]?.ids;
  return ids ? { matches, ids } : { matches, broad: q };
}

/**
 * The status ids the filters allow: statusIds as given, narrowed to the kinds asked for. Kinds are
 * resolved to ids first so the asset queries compare assets.status_id with constants, whose share
 * of the tenant's assets the planner knows from its statistics (55% assigned, 1% lost), where a
 * sub-select on statuses left it guessing one status in forty.
 */
async function allowedStatusIds(db: Executor, tenantId: string, input: ParsedListInput) {
  if (!input.kinds?.length) return input.statusIds;
  const rows = await db
    .selectFrom("statuses")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("kind", "in", input.kinds)
    .$if(Boolean(input.statusIds?.length), (qb) => qb.where("id", "in", input.statusIds ?? []))
    .execute();
  return rows.map((row) => row.id);
}

const onlySearched = (input: ParsedListInput, statusIds: string[] | undefined) =>
  !statusIds?.length &&
  !input.categoryIds?.length &&
  input.locationId === undefined &&
  input.employeeId === undefined &&
  input.warrantyExpiringDays === undefined;

/** The list's filters with the kinds and the search resolved beforehand. */
type ListScope = { input: ParsedListInput; statusIds?: string[]; search: SearchScope };

/** The scope, or null when nothing can match (no status of those kinds, no search match). */
async function listScope(db: Executor, tenantId: string, input: ParsedListInput): Promise<ListScope | null> {
  const statusIds = await allowedStatusIds(db, tenantId, input);
  if (input.kinds?.length && statusIds?.length === 0) return null;
  const search = await searchScope(db, tenantId, input);
  if (search?.matches === 0) return null;
  return { input, statusIds, search };
}

/**
 * The list's rows before sorting, from assets alone. A search's ids go in as one array constant,
 * so the planner sees how many there are: it fetches a few by primary key, and tests many (hashed)
 * while reading in sort order. A search matching more is tested on each row as the list is read.
 */
function scopedAssets(db: Executor, tenantId: string, { input, statusIds, search }: ListScope) {
  const ids = search && "ids" in search ? search.ids : null;
  const broad = search && "broad" in search ? search.broad : null;
  return assetsMatching(db, tenantId, { ...input, statusIds, kinds: undefined, q: undefined })
    .$if(ids !== null, (qb) => qb.where(sql<SqlBool>`assets.id = any(${ids ?? []}::uuid[])`))
    .$if(broad !== null, (qb) => qb.where(matchesSearch(broad ?? "")));
}

async function cappedCount(db: Executor, tenantId: string, scope: ListScope): Promise<number> {
  // Every match is one of the tenant's assets: with no other filter, they are the count.
  if (scope.search && onlySearched(scope.input, scope.statusIds)) return scope.search.matches;
  const total = await db
    .selectFrom(
      scopedAssets(db, tenantId, scope)
        .select(sql`1`.as("one"))
        .limit(COUNT_CAP + 1)
        .as("capped"),
    )
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(total.count);
}

/** How many assets match the list's filters, counted up to COUNT_CAP + 1: the list's total. */
export async function countAssets(db: Executor, tenantId: string, raw: AssetListInput): Promise<number> {
  const scope = await listScope(db, tenantId, AssetListInput.parse(raw));
  return scope ? cappedCount(db, tenantId, scope) : 0;
}

/**
 * The filtered, sorted page of a tenant's assets with one row per asset, and the total capped at
 * COUNT_CAP. The page's ids are chosen from assets alone (filters, sort, offset and limit, served
 * by the (tenant_id, <sort>, id) indexes), then only those rows are joined for display: neither
 * the joins nor a deep offset cost more than one page.
 */
export async function listAssets(db: Executor, tenantId: string, raw: AssetListInput) {
  const input: ParsedListInput = AssetListInput.parse(raw);
  const scope = await listScope(db, tenantId, input);
  if (!scope)
    return { items: [], total: 0, totalIsCapped: false, page: input.page, pageSize: input.pageSize };
  const direction = input.dir;
  const sortColumn = sortColumns[input.sort];
  const page = scopedAssets(db, tenantId, scope)
    .select("assets.id")
    .orderBy(sortColumn, direction)
    .orderBy("assets.id", direction)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const [rows, count] = await Promise.all([
    db
      .selectFrom(page.as("page"))
      .innerJoin("assets", "assets.id", "page.id")
      .innerJoin("statuses", "statuses.id", "assets.status_id")
      .innerJoin("categories", "categories.id", "assets.category_id")
      .leftJoin("asset_models", "asset_models.id", "assets.model_id")
      .leftJoin("locations", "locations.id", "assets.location_id")
      .leftJoin("employees", "employees.id", "assets.employee_id")
      .select([
        "assets.id",
        "assets.tag",
        "assets.name",
        "assets.serial",
        "assets.warranty_end",
        "assets.purchase_date",
        "assets.cost",
        "assets.created_at",
        "statuses.id as status_id",
        "statuses.label as status_label",
        "statuses.kind as status_kind",
        "statuses.color as status_color",
        "categories.name as category_name",
        "asset_models.name as model_name",
        "locations.name as location_name",
        "employees.id as employee_id",
        "employees.display_name as employee_name",
      ])
      .where("assets.tenant_id", "=", tenantId)
      .orderBy(sortColumn, direction)
      .orderBy("assets.id", direction)
      .execute(),
    cappedCount(db, tenantId, scope),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      tag: row.tag,
      name: row.name,
      serial: row.serial,
      warrantyEnd: row.warranty_end,
      purchaseDate: row.purchase_date,
      cost: row.cost,
      createdAt: row.created_at,
      status: {
        id: row.status_id,
        label: row.status_label,
        kind: row.status_kind as StatusKind,
        color: row.status_color,
      },
      category: row.category_name,
      model: row.model_name,
      location: row.location_name,
      employee: row.employee_id ? { id: row.employee_id, name: row.employee_name ?? "" } : null,
    })),
    total: Math.min(count, COUNT_CAP),
    totalIsCapped: count > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}
