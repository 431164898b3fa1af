/**
 * The asset list's SQL: the filters every view of "the current list" shares (the page, the CSV
 * export, the label sheet), and the page and its count.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { z } from "zod";
import { daysSince, staleAssetIds, staleCutoff, staleCutoffOf } from "../../agent/stale";
import type { Executor } from "../../db";
import type { StatusKind } from "../lifecycle";
import { locationLabels } from "./location-labels";
import { AssetListInput, COUNT_CAP } from "./schemas";

type ParsedListInput = z.output<typeof AssetListInput>;
type ListFilters = Omit<ParsedListInput, "sort" | "dir" | "page" | "pageSize"> & {
  /** The stale cutoff resolved beforehand (see staleAssetIds); without it, a sub-select finds it. */
  agentStaleBefore?: Date;
};

const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Ids of the tenant's assets whose tag, serial or name, or whose holder's name, contains `q`
 * (lower-cased), at most `maxRows` of them. One or two characters are too short for trigrams:
 * they match the start of a tag or serial instead. The terms are looked up in asset_search and
 * employee_search through security-definer functions (db/migrations/0005-asset-indexes.ts),
 * because under row-level security LIKE cannot use an index on assets itself.
 */
function matchingAssetIds(q: string, tenantId: string, maxRows: number | null = null) {
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
function matchesSearch(q: string): RawBuilder<SqlBool> {
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
function assetsMatching(db: Executor, tenantId: string, input: ListFilters) {
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
    .$if(input.agentStale === true, (qb) =>
      qb.where(sql<SqlBool>`assets.id in (${staleAssetIds(tenantId, input.agentStaleBefore)})`),
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
  input.warrantyExpiringDays === undefined &&
  !input.agentStale;

/** The list's filters with the kinds and the search resolved beforehand. */
type ListScope = {
  input: ParsedListInput;
  statusIds?: string[];
  search: SearchScope;
  agentStaleBefore?: Date;
};

/** The scope, or null when nothing can match (no status of those kinds, no search match). */
async function listScope(db: Executor, tenantId: string, input: ParsedListInput): Promise<ListScope | null> {
  const statusIds = await allowedStatusIds(db, tenantId, input);
  if (input.kinds?.length && statusIds?.length === 0) return null;
  const search = await searchScope(db, tenantId, input);
  if (search?.matches === 0) return null;
  const agentStaleBefore = input.agentStale ? (await staleCutoffOf(db, tenantId)).cutoff : undefined;
  return { input, statusIds, search, agentStaleBefore };
}

/**
 * The list's rows before sorting, from assets alone. A search's ids go in as one array constant,
 * so the planner sees how many there are: it fetches a few by primary key, and tests many (hashed)
 * while reading in sort order. A search matching more is tested on each row as the list is read.
 */
function scopedAssets(
  db: Executor,
  tenantId: string,
  { input, statusIds, search, agentStaleBefore }: ListScope,
) {
  const ids = search && "ids" in search ? search.ids : null;
  const broad = search && "broad" in search ? search.broad : null;
  return assetsMatching(db, tenantId, {
    ...input,
    statusIds,
    kinds: undefined,
    q: undefined,
    agentStaleBefore,
  })
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
 *
 * The ids are read first and handed to the display query as one array constant, not joined as a
 * sub-select: once statistics knew one tenant was large, the planner expected a single row from a
 * small tenant's assets joined to its statuses and ran the page sub-select again for every asset
 * of the tenant (tests/integration/asset-list-plan.int.test.ts). Fifty ids by primary key leave it
 * nothing to misjudge.
 */
export async function listAssets(db: Executor, tenantId: string, raw: AssetListInput) {
  const input: ParsedListInput = AssetListInput.parse(raw);
  const { staleDays: agentStaleDays } = await staleCutoffOf(db, tenantId);
  const scope = await listScope(db, tenantId, input);
  if (!scope)
    return {
      items: [],
      total: 0,
      totalIsCapped: false,
      page: input.page,
      pageSize: input.pageSize,
      agentStaleDays,
    };
  const direction = input.dir;
  const sortColumn = sortColumns[input.sort];
  const pageIds = (
    await scopedAssets(db, tenantId, scope)
      .select("assets.id")
      .orderBy(sortColumn, direction)
      .orderBy("assets.id", direction)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute()
  ).map((row) => row.id);
  const [rows, count] = await Promise.all([
    db
      .selectFrom("assets")
      .innerJoin("statuses", "statuses.id", "assets.status_id")
      .innerJoin("categories", "categories.id", "assets.category_id")
      .leftJoin("asset_models", "asset_models.id", "assets.model_id")
      .leftJoin("employees", "employees.id", "assets.employee_id")
      // the asset's one active device (agent_devices_asset_key) and its last check-in, for its "Not seen" flag
      .leftJoin("agent_devices as d", (join) =>
        join
          .onRef("d.asset_id", "=", "assets.id")
          .on("d.tenant_id", "=", tenantId)
          .on("d.revoked_at", "is", null),
      )
      .leftJoin("agent_device_presence as p", "p.device_id", "d.id")
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
        "assets.location_id",
        "employees.id as employee_id",
        "employees.display_name as employee_name",
        "d.id as device_id",
        "p.last_seen_at as device_last_seen_at",
        sql<boolean | null>`p.last_seen_at < ${staleCutoff(tenantId)}`.as("device_stale"),
        daysSince(sql.ref("p.last_seen_at")).as("device_days_unseen"),
      ])
      .where("assets.tenant_id", "=", tenantId)
      .where(sql<SqlBool>`assets.id = any(${pageIds}::uuid[])`)
      .orderBy(sortColumn, direction)
      .orderBy("assets.id", direction)
      .execute(),
    cappedCount(db, tenantId, scope),
  ]);
  const locations = await locationLabels(
    db,
    tenantId,
    rows.flatMap((row) => (row.location_id ? [row.location_id] : [])),
  );
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
      location: row.location_id ? (locations.get(row.location_id) ?? null) : null,
      employee: row.employee_id ? { id: row.employee_id, name: row.employee_name ?? "" } : null,
      agent: row.device_id
        ? {
            lastSeenAt: row.device_last_seen_at,
            stale: row.device_stale === true,
            daysUnseen: row.device_days_unseen,
          }
        : null,
    })),
    total: Math.min(count, COUNT_CAP),
    totalIsCapped: count > COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
    agentStaleDays,
  };
}
