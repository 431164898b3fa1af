"use client";

import { useQuery } from "@tanstack/react-query";
import { FilterX } from "lucide-react";
import { EmployeeCombobox } from "@/app/_components/employee-combobox";
import { SearchBox } from "@/app/_components/search-box";
import { Button } from "@/app/_components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import { kindLabels, type StatusKind, statusKinds } from "@/server/assets/lifecycle";
import { ASSET_SEARCH_MAX } from "@/server/assets/list/schemas";
import {
  type AssetListView,
  isFiltered,
  type WarrantyWindow,
  warrantyWindows,
} from "../../../server/assets/list/url";
import { CheckboxFilter, type FilterGroup } from "./checkbox-filter";
import type { UpdateView } from "./use-list-view";

/** Radix Select has no empty value; this one stands for "no filter". */
const ANY = "any";

/** A Select's value for the agent filter: the tenant's stale days come from the list itself. */
const STALE = "stale";

export function AssetFilters({
  view,
  update,
  agentStaleDays,
}: {
  view: AssetListView;
  update: UpdateView;
  /** The tenant's stale days (Settings -> Agent), once the list has said them. */
  agentStaleDays: number | undefined;
}) {
  const trpc = useTRPC();
  const statuses = useQuery(trpc.reference.statuses.queryOptions());
  const categories = useQuery(trpc.reference.categories.queryOptions());
  const locations = useQuery(trpc.reference.locations.queryOptions());
  const holder = useQuery({
    ...trpc.employees.get.queryOptions({ employeeId: view.employeeId ?? "" }),
    enabled: Boolean(view.employeeId),
  });

  // Tenants that only have the default status of each kind filter by kind alone; custom
  // statuses ("Loaner pool", "Awaiting wipe") are offered as well once a kind has several.
  const statusRows = statuses.data ?? [];
  const perKind = new Map<string, number>();
  for (const status of statusRows) perKind.set(status.kind, (perKind.get(status.kind) ?? 0) + 1);
  const statusGroups: FilterGroup[] = [
    {
      label: "Lifecycle",
      options: statusKinds.map((kind) => ({ value: `kind:${kind}`, label: kindLabels[kind] })),
    },
  ];
  if ([...perKind.values()].some((n) => n > 1)) {
    statusGroups.push({
      label: "Statuses",
      options: statusRows.map((status) => ({
        value: `status:${status.id}`,
        label: `${status.label} (${kindLabels[status.kind].toLowerCase()})`,
      })),
    });
  }
  const statusSelection = [
    ...view.kinds.map((kind) => `kind:${kind}`),
    ...view.statusIds.map((id) => `status:${id}`),
  ];
  const locationChoices = locationOptions(locations.data ?? []);

  return (
    <search aria-label="Filter assets" className="grid gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <SearchBox
          value={view.q ?? ""}
          onSearch={(q) => update({ q: q || undefined }, { replace: true })}
          label="Search assets by tag, serial, name or assignee"
          limit={ASSET_SEARCH_MAX}
          placeholder="Search tag, serial, name or assignee…"
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <CheckboxFilter
          label="Status"
          groups={statusGroups}
          selected={statusSelection}
          onChange={(selected) =>
            update({
              kinds: selected.filter((v) => v.startsWith("kind:")).map((v) => v.slice(5) as StatusKind),
              statusIds: selected.filter((v) => v.startsWith("status:")).map((v) => v.slice(7)),
            })
          }
        />
        <CheckboxFilter
          label="Category"
          groups={[{ options: (categories.data ?? []).map((c) => ({ value: c.id, label: c.name })) }]}
          selected={view.categoryIds}
          onChange={(categoryIds) => update({ categoryIds })}
        />
        <Select
          value={view.locationId ?? ANY}
          onValueChange={(value) => update({ locationId: value === ANY ? undefined : value })}
        >
          <SelectTrigger className="w-56" aria-label="Location">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any location</SelectItem>
            {view.locationId && !locationChoices.some((l) => l.value === view.locationId) ? (
              <SelectItem value={view.locationId}>An archived location</SelectItem>
            ) : null}
            {locationChoices.map((location) => (
              <SelectItem key={location.value} value={location.value}>
                {location.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <EmployeeCombobox
          id="asset-filter-assignee"
          aria-label="Assigned to"
          placeholder="Assigned to anyone"
          className="w-56"
          value={view.employeeId ? { id: view.employeeId, name: holder.data?.name ?? "…" } : null}
          onChange={(employee) => update({ employeeId: employee?.id })}
        />
        <Select
          value={view.warrantyDays ? String(view.warrantyDays) : ANY}
          onValueChange={(value) =>
            update({ warrantyDays: value === ANY ? undefined : (Number(value) as WarrantyWindow) })
          }
        >
          <SelectTrigger className="w-60" aria-label="Warranty">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any warranty</SelectItem>
            {warrantyWindows.map((days) => (
              <SelectItem key={days} value={String(days)}>
                Warranty ends within {days} days
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Select
          value={view.agentStale ? STALE : ANY}
          onValueChange={(value) => update({ agentStale: value === STALE })}
        >
          <SelectTrigger className="w-56" aria-label="Agent check-in">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ANY}>Any agent check-in</SelectItem>
            <SelectItem value={STALE}>
              {agentStaleDays ? `Not seen for ${agentStaleDays}+ days` : "Not seen recently"}
            </SelectItem>
          </SelectContent>
        </Select>
        {isFiltered(view) ? (
          <Button
            variant="ghost"
            onClick={() =>
              update({
                q: undefined,
                kinds: [],
                statusIds: [],
                categoryIds: [],
                locationId: undefined,
                employeeId: undefined,
                warrantyDays: undefined,
                agentStale: false,
              })
            }
          >
            <FilterX aria-hidden /> Clear filters
          </Button>
        ) : null}
      </div>
    </search>
  );
}
