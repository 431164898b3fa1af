import { type StatusKind, statusKinds } from "@/server/assets/lifecycle";
import { type AssetListInput, assetSorts } from "@/server/assets/list/schemas";

/**
 * The asset list's view lives in the URL (`/assets?kind=assigned&category=…&sort=tag&dir=asc`), so
 * a view can be bookmarked, shared and reloaded. The server page and the client table both read
 * it here, so they build the same query (and the prefetched page is the one the table asks for).
 */
export type AssetListView = {
  q?: string;
  kinds: StatusKind[];
  statusIds: string[];
  categoryIds: string[];
  locationId?: string;
  employeeId?: string;
  warrantyDays?: WarrantyWindow;
  /** Only assets whose agent has not checked in for the tenant's stale days (`stale=1`). */
  agentStale: boolean;
  sort: AssetSort;
  dir: "asc" | "desc";
  page: number;
  pageSize: PageSize;
};
export type AssetSort = (typeof assetSorts)[number];

export const warrantyWindows = [30, 60, 90] as const;
export type WarrantyWindow = (typeof warrantyWindows)[number];
export const pageSizes = [25, 50, 100] as const;
export type PageSize = (typeof pageSizes)[number];

const DEFAULT_SORT: AssetSort = "created";
const DEFAULT_PAGE_SIZE: PageSize = 50;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Text columns read best A→Z first; dates newest first. */
export const defaultDirection = (sort: AssetSort): "asc" | "desc" =>
  sort === "tag" || sort === "name" ? "asc" : "desc";

const list = (params: URLSearchParams, key: string) =>
  params
    .getAll(key)
    .flatMap((value) => value.split(","))
    .filter(Boolean);
const oneOf = <T extends string | number>(options: readonly T[], value: unknown): T | undefined =>
  options.find((option) => String(option) === value);

/** Unknown or malformed values are dropped, so a hand-edited link still opens a sensible view. */
export function viewFromSearchParams(params: URLSearchParams): AssetListView {
  const sort = oneOf(assetSorts, params.get("sort")) ?? DEFAULT_SORT;
  const page = Number.parseInt(params.get("page") ?? "", 10);
  const location = params.get("location") ?? "";
  const employee = params.get("employee") ?? "";
  const q = params.get("q")?.trim().slice(0, 200);
  return {
    q: q || undefined,
    kinds: [
      ...new Set(
        list(params, "kind").filter((kind): kind is StatusKind => oneOf(statusKinds, kind) !== undefined),
      ),
    ],
    statusIds: [...new Set(list(params, "status").filter((id) => uuid.test(id)))].slice(0, 50),
    categoryIds: [...new Set(list(params, "category").filter((id) => uuid.test(id)))].slice(0, 50),
    locationId: uuid.test(location) ? location : undefined,
    employeeId: uuid.test(employee) ? employee : undefined,
    warrantyDays: oneOf(warrantyWindows, params.get("warranty")),
    agentStale: params.get("stale") === "1",
    sort,
    dir: oneOf(["asc", "desc"] as const, params.get("dir")) ?? defaultDirection(sort),
    page: Number.isFinite(page) && page >= 1 && page <= 100_000 ? page : 1,
    pageSize: oneOf(pageSizes, params.get("size")) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The shortest URL for a view: defaults are left out. */
export function searchParamsFromView(view: AssetListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.kinds.length) params.set("kind", view.kinds.join(","));
  if (view.statusIds.length) params.set("status", view.statusIds.join(","));
  if (view.categoryIds.length) params.set("category", view.categoryIds.join(","));
  if (view.locationId) params.set("location", view.locationId);
  if (view.employeeId) params.set("employee", view.employeeId);
  if (view.warrantyDays) params.set("warranty", String(view.warrantyDays));
  if (view.agentStale) params.set("stale", "1");
  if (view.sort !== DEFAULT_SORT) params.set("sort", view.sort);
  if (view.dir !== defaultDirection(view.sort)) params.set("dir", view.dir);
  if (view.page !== 1) params.set("page", String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set("size", String(view.pageSize));
  return params;
}

export function listInputFromView(view: AssetListView): AssetListInput {
  return {
    q: view.q,
    kinds: view.kinds.length ? view.kinds : undefined,
    statusIds: view.statusIds.length ? view.statusIds : undefined,
    categoryIds: view.categoryIds.length ? view.categoryIds : undefined,
    locationId: view.locationId,
    employeeId: view.employeeId,
    warrantyExpiringDays: view.warrantyDays,
    agentStale: view.agentStale || undefined,
    sort: view.sort,
    dir: view.dir,
    page: view.page,
    pageSize: view.pageSize,
  };
}

/** Whether any filter narrows the list (search included); sorting and paging do not count. */
export const isFiltered = (view: AssetListView): boolean =>
  Boolean(
    view.q ||
      view.kinds.length ||
      view.statusIds.length ||
      view.categoryIds.length ||
      view.locationId ||
      view.employeeId ||
      view.warrantyDays ||
      view.agentStale,
  );
