import {
  type AssetListView,
  searchParamsFromView,
  viewFromSearchParams,
} from "../../../server/assets/list/url";

const defaultView = viewFromSearchParams(new URLSearchParams());

/** The asset list showing `filters`, written the way the list itself writes its URL. */
export function assetListHref(filters: Partial<AssetListView>): string {
  const query = searchParamsFromView({ ...defaultView, ...filters }).toString();
  return query ? `/assets?${query}` : "/assets";
}
