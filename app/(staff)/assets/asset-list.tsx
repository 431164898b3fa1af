"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Laptop } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ListStates } from "@/app/_components/list-states";
import { Pagination } from "@/app/_components/pagination";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { useTRPC } from "@/app/_trpc/client";
import { isFiltered, listInputFromView, type PageSize, pageSizes } from "../../../server/assets/list/url";
import { AssetFilters } from "./asset-filters";
import { AssetTable } from "./asset-table";
import type { BulkSummary } from "./asset-types";
import { BulkActionBar } from "./bulk-action-bar";
import type { BulkAction } from "./bulk-action-dialog";
import { BulkSummaryPanel } from "./bulk-summary";
import { ColumnChooser, useAssetColumns } from "./column-chooser";
import { useAssetListView } from "./use-list-view";

/** The asset list: filters, search, sorting and the page all live in the URL (see list-params.ts). */
export function AssetList({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const [view, update] = useAssetListView();
  const list = useQuery({
    ...trpc.assets.list.queryOptions(listInputFromView(view)),
    placeholderData: keepPreviousData,
  });
  // id -> tag of the selected assets; kept across pages so a selection can span them.
  const [selection, setSelection] = useState<ReadonlyMap<string, string>>(new Map());
  const [result, setResult] = useState<{ summary: BulkSummary; action: BulkAction } | null>(null);

  const select = (assets: Array<{ id: string; tag: string }>, selected: boolean) =>
    setSelection((current) => {
      const next = new Map(current);
      for (const asset of assets) {
        if (selected) next.set(asset.id, asset.tag);
        else next.delete(asset.id);
      }
      return next;
    });
  const onBulkDone = (summary: BulkSummary, action: BulkAction) => {
    setResult({ summary, action });
    setSelection(new Map(summary.failed.filter((item) => item.tag).map((item) => [item.id, item.tag ?? ""])));
  };
  const { columns, toggle } = useAssetColumns();

  return (
    <div className="grid gap-4">
      <div className="grid gap-2">
        <AssetFilters view={view} update={update} agentStaleDays={list.data?.agentStaleDays} />
        <div className="flex justify-end">
          <ColumnChooser columns={columns} toggle={toggle} />
        </div>
      </div>
      {result ? (
        <BulkSummaryPanel summary={result.summary} action={result.action} onDismiss={() => setResult(null)} />
      ) : null}
      {canManage && selection.size > 0 ? (
        <BulkActionBar selection={selection} onClear={() => setSelection(new Map())} onDone={onBulkDone} />
      ) : null}
      <Card>
        <CardContent className="grid gap-4">
          <ListStates
            noun="assets"
            query={list}
            page={list.data}
            filtered={isFiltered(view) || view.page > 1}
            skeletonRows={6}
            noMatch={{
              title: "No assets match",
              description: "Try another search, or widen the filters.",
              action: (
                <Link href="/assets" className={buttonVariants({ variant: "outline" })}>
                  Clear filters
                </Link>
              ),
            }}
            empty={{
              icon: <Laptop aria-hidden />,
              title: "No assets yet",
              description:
                "Register laptops, phones and monitors to track who has them, where they are and when their warranty ends.",
              action: canManage ? (
                <Link href="/assets/new" className={buttonVariants()}>
                  New asset
                </Link>
              ) : undefined,
            }}
          >
            {(page) => (
              <>
                <AssetTable
                  items={page.items}
                  view={view}
                  update={update}
                  selection={canManage ? selection : null}
                  onSelect={select}
                  busy={list.isPlaceholderData}
                  columns={columns}
                />
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <Pagination
                    page={page.page}
                    pageSize={page.pageSize}
                    shown={page.items.length}
                    total={page.total}
                    totalIsCapped={page.totalIsCapped}
                    noun="assets"
                    onPageChange={(next) => update({ ...view, page: next })}
                  />
                  <Select
                    value={String(view.pageSize)}
                    onValueChange={(value) => update({ pageSize: Number(value) as PageSize })}
                  >
                    <SelectTrigger size="sm" className="w-36" aria-label="Rows per page">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {pageSizes.map((size) => (
                        <SelectItem key={size} value={String(size)}>
                          {size} per page
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              </>
            )}
          </ListStates>
        </CardContent>
      </Card>
    </div>
  );
}
