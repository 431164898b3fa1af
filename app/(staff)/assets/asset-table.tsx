"use client";

import Link from "next/link";
import type { KeyboardEvent } from "react";
import { StatusBadge } from "@/app/_components/status-badge";
import { Checkbox } from "@/app/_components/ui/checkbox";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/app/_components/ui/table";
import { cn } from "@/app/_lib/cn";
import { daysUntil, formatDateTime, formatDay } from "@/app/_lib/format";
import type { AssetListItem } from "./asset-types";
import type { AssetListView } from "./list-params";
import { SortableHead } from "./sortable-head";
import type { UpdateView } from "./use-list-view";

type AssetTableProps = {
  items: AssetListItem[];
  view: AssetListView;
  update: UpdateView;
  /** Null when the viewer cannot act on assets (auditors): no checkboxes. */
  selection: ReadonlyMap<string, string> | null;
  onSelect: (assets: Array<{ id: string; tag: string }>, selected: boolean) => void;
  busy: boolean;
};

/**
 * Arrow keys move between rows (focus stays on each row's tag link, so Enter opens the asset)
 * and `x` selects the focused row.
 */
function onRowKeyDown(event: KeyboardEvent<HTMLAnchorElement>, toggle?: () => void) {
  const links = [
    ...(event.currentTarget.closest("tbody")?.querySelectorAll<HTMLAnchorElement>("a[data-row-link]") ?? []),
  ];
  const index = links.indexOf(event.currentTarget);
  const target =
    event.key === "ArrowDown"
      ? links[index + 1]
      : event.key === "ArrowUp"
        ? links[index - 1]
        : event.key === "Home"
          ? links[0]
          : event.key === "End"
            ? links.at(-1)
            : undefined;
  if (target) {
    event.preventDefault();
    target.focus();
  } else if (event.key === "x" && toggle) {
    event.preventDefault();
    toggle();
  }
}

function WarrantyCell({ end }: { end: string | null }) {
  if (!end) return <span className="text-muted-foreground">—</span>;
  const days = daysUntil(end);
  return (
    <span
      className={cn(
        days < 0 ? "text-muted-foreground" : days <= 30 && "font-medium text-amber-700 dark:text-amber-400",
      )}
    >
      {formatDay(end)}
      {days >= 0 && days <= 90 ? <span className="block text-xs">in {days} days</span> : null}
    </span>
  );
}

export function AssetTable({ items, view, update, selection, onSelect, busy }: AssetTableProps) {
  const onSort = (sort: AssetListView["sort"], dir: "asc" | "desc") => update({ sort, dir });
  const head = { current: view.sort, dir: view.dir, onSort };
  const selectedOnPage = selection ? items.filter((item) => selection.has(item.id)).length : 0;

  return (
    <Table aria-label="Assets" aria-busy={busy} className={cn(busy && "opacity-70 transition-opacity")}>
      <TableCaption className="sr-only">
        Assets. Use the arrow keys to move between rows, Enter to open one
        {selection ? ", and x to select it" : ""}.
      </TableCaption>
      <TableHeader>
        <TableRow>
          {selection ? (
            <TableHead className="w-8">
              <Checkbox
                aria-label="Select all assets on this page"
                checked={
                  selectedOnPage === 0 ? false : selectedOnPage === items.length ? true : "indeterminate"
                }
                onCheckedChange={(checked) => onSelect(items, checked === true)}
              />
            </TableHead>
          ) : null}
          <SortableHead sort="tag" {...head}>
            Tag
          </SortableHead>
          <SortableHead sort="name" {...head}>
            Name
          </SortableHead>
          <TableHead>Status</TableHead>
          <TableHead>Assigned to</TableHead>
          <TableHead>Location</TableHead>
          <SortableHead sort="warranty_end" {...head}>
            Warranty ends
          </SortableHead>
          <SortableHead sort="purchase_date" {...head}>
            Purchased
          </SortableHead>
          <SortableHead sort="created" {...head}>
            Added
          </SortableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((asset) => {
          const selected = selection?.has(asset.id) ?? false;
          const toggle = selection ? () => onSelect([asset], !selected) : undefined;
          return (
            <TableRow key={asset.id} data-state={selected ? "selected" : undefined}>
              {selection ? (
                <TableCell>
                  <Checkbox
                    aria-label={`Select ${asset.tag}`}
                    checked={selected}
                    onCheckedChange={(checked) => onSelect([asset], checked === true)}
                  />
                </TableCell>
              ) : null}
              <TableCell className="font-mono text-xs">
                <Link
                  href={`/assets/${asset.id}`}
                  data-row-link
                  className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                  onKeyDown={(event) => onRowKeyDown(event, toggle)}
                >
                  {asset.tag}
                </Link>
              </TableCell>
              <TableCell className="max-w-72 whitespace-normal">
                <Link href={`/assets/${asset.id}`} tabIndex={-1} className="hover:underline">
                  {asset.name}
                </Link>
                <span className="block truncate text-xs text-muted-foreground">
                  {[asset.category, asset.model, asset.serial].filter(Boolean).join(" · ")}
                </span>
              </TableCell>
              <TableCell>
                <StatusBadge label={asset.status.label} color={asset.status.color} />
              </TableCell>
              <TableCell>
                {asset.employee ? (
                  <Link href={`/employees/${asset.employee.id}`} className="hover:underline">
                    {asset.employee.name}
                  </Link>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
              <TableCell className="max-w-48 truncate">{asset.location ?? "—"}</TableCell>
              <TableCell>
                <WarrantyCell end={asset.warrantyEnd} />
              </TableCell>
              <TableCell>{formatDay(asset.purchaseDate)}</TableCell>
              <TableCell className="text-muted-foreground">
                <time dateTime={asset.createdAt.toISOString()} title={formatDateTime(asset.createdAt)}>
                  {formatDay(asset.createdAt.toISOString())}
                </time>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
