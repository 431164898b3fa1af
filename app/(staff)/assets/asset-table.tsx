"use client";

import Link from "next/link";
import type { KeyboardEvent } from "react";
import { StatusBadge } from "@/app/_components/status-badge";
import { DateTime, useTimeZone } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
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
import { daysUntil, formatDay } from "@/app/_lib/format";
import { useCurrency } from "@/app/_lib/use-currency";
import { formatMoney } from "@/server/money";
import type { AssetListView } from "../../../server/assets/list/url";
import type { ColumnKey } from "./asset-columns";
import type { AssetListItem } from "./asset-types";
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
  /** The optional columns shown (the column chooser); tag and name always are. */
  columns: ReadonlySet<ColumnKey>;
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

/**
 * On a phone the table scrolls sideways; the selection box and the tag stay put at its left edge,
 * so every row is still known (and selectable) whatever column is in view.
 */
const keyColumn = "max-md:sticky max-md:left-0 max-md:z-10 max-md:bg-card";

function WarrantyCell({ end }: { end: string | null }) {
  const timeZone = useTimeZone();
  if (!end) return <span className="text-muted-foreground">—</span>;
  const days = daysUntil(end, timeZone);
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

const days = (n: number) => `${n} ${n === 1 ? "day" : "days"}`;

/**
 * A stale device's flag, whatever columns are shown: it sits under the name. Screen readers hear
 * whose check-in it is ("Agent not seen 23 days").
 */
function AgentFlag({ agent }: { agent: AssetListItem["agent"] }) {
  if (!agent?.stale || agent.daysUnseen === null) return null;
  return (
    <Badge variant="warning" className="mt-1">
      <span className="sr-only">Agent </span>Not seen {days(agent.daysUnseen)}
    </Badge>
  );
}

export function AssetTable({ items, view, update, selection, onSelect, busy, columns }: AssetTableProps) {
  const currency = useCurrency();
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
            <TableHead className={cn("w-8", keyColumn)}>
              <Checkbox
                aria-label="Select all assets on this page"
                checked={
                  selectedOnPage === 0 ? false : selectedOnPage === items.length ? true : "indeterminate"
                }
                onCheckedChange={(checked) => onSelect(items, checked === true)}
              />
            </TableHead>
          ) : null}
          <SortableHead
            sort="tag"
            {...head}
            className={cn(keyColumn, selection ? "max-md:left-8" : "max-md:left-0")}
          >
            Tag
          </SortableHead>
          <SortableHead sort="name" {...head}>
            Name
          </SortableHead>
          {columns.has("status") ? <TableHead>Status</TableHead> : null}
          {columns.has("holder") ? <TableHead>Assigned to</TableHead> : null}
          {columns.has("location") ? <TableHead>Location</TableHead> : null}
          {columns.has("cost") ? <TableHead className="text-right">Cost</TableHead> : null}
          {columns.has("warranty") ? (
            <SortableHead sort="warranty_end" {...head}>
              Warranty ends
            </SortableHead>
          ) : null}
          {columns.has("purchased") ? (
            <SortableHead sort="purchase_date" {...head}>
              Purchased
            </SortableHead>
          ) : null}
          {columns.has("added") ? (
            <SortableHead sort="created" {...head}>
              Added
            </SortableHead>
          ) : null}
          {columns.has("last_seen") ? <TableHead>Last seen</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((asset) => {
          const selected = selection?.has(asset.id) ?? false;
          const toggle = selection ? () => onSelect([asset], !selected) : undefined;
          return (
            <TableRow key={asset.id} data-state={selected ? "selected" : undefined}>
              {selection ? (
                <TableCell className={keyColumn}>
                  <Checkbox
                    aria-label={`Select ${asset.tag}`}
                    checked={selected}
                    onCheckedChange={(checked) => onSelect([asset], checked === true)}
                  />
                </TableCell>
              ) : null}
              <TableCell
                className={cn("font-mono text-xs", keyColumn, selection ? "max-md:left-8" : "max-md:left-0")}
              >
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
                <AgentFlag agent={asset.agent} />
              </TableCell>
              {columns.has("status") ? (
                <TableCell>
                  <StatusBadge label={asset.status.label} color={asset.status.color} />
                </TableCell>
              ) : null}
              {columns.has("holder") ? (
                <TableCell>
                  {asset.employee ? (
                    <Link href={`/employees/${asset.employee.id}`} className="hover:underline">
                      {asset.employee.name}
                    </Link>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
              ) : null}
              {columns.has("location") ? (
                // A path ("HQ › Building A › Floor 3") wraps rather than losing the part that tells it apart.
                <TableCell className="max-w-56 whitespace-normal">{asset.location ?? "—"}</TableCell>
              ) : null}
              {columns.has("cost") ? (
                <TableCell className="text-right tabular-nums">{formatMoney(asset.cost, currency)}</TableCell>
              ) : null}
              {columns.has("warranty") ? (
                <TableCell>
                  <WarrantyCell end={asset.warrantyEnd} />
                </TableCell>
              ) : null}
              {columns.has("purchased") ? <TableCell>{formatDay(asset.purchaseDate)}</TableCell> : null}
              {columns.has("added") ? (
                <TableCell className="text-muted-foreground">
                  <DateTime value={asset.createdAt} date />
                </TableCell>
              ) : null}
              {columns.has("last_seen") ? (
                <TableCell className={cn(asset.agent?.stale ? "font-medium" : "text-muted-foreground")}>
                  {asset.agent?.lastSeenAt ? <DateTime value={asset.agent.lastSeenAt} /> : "—"}
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
