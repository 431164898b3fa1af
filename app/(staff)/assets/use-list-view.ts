"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  type AssetListView,
  searchParamsFromView,
  viewFromSearchParams,
} from "../../../server/assets/list/url";

export type UpdateView = (patch: Partial<AssetListView>, options?: { replace?: boolean }) => void;

/**
 * The list's view, read from and written to the URL. Changes go through the history API, which
 * Next.js syncs with useSearchParams without a server round trip; a filter change starts again
 * at page 1, and typing in the search box replaces the entry instead of adding one per key.
 */
export function useAssetListView(): [AssetListView, UpdateView] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const view = useMemo(
    () => viewFromSearchParams(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const update = useCallback<UpdateView>(
    (patch, options) => {
      const query = searchParamsFromView({ ...view, page: 1, ...patch }).toString();
      const url = query ? `${pathname}?${query}` : pathname;
      if (options?.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [view, pathname],
  );
  return [view, update];
}
