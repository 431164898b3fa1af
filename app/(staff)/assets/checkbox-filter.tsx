"use client";

import { ChevronDown } from "lucide-react";
import { Fragment } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/app/_components/ui/dropdown-menu";

export type FilterGroup = { label?: string; options: Array<{ value: string; label: string }> };

type CheckboxFilterProps = {
  label: string;
  groups: FilterGroup[];
  selected: string[];
  onChange: (selected: string[]) => void;
};

/** A menu of checkboxes for filters that take several values (statuses, categories). */
export function CheckboxFilter({ label, groups, selected, onChange }: CheckboxFilterProps) {
  const labels = new Map(groups.flatMap((group) => group.options.map((o) => [o.value, o.label] as const)));
  const summary =
    selected.length === 0
      ? `Any ${label.toLowerCase()}`
      : selected.length === 1
        ? (labels.get(selected[0] ?? "") ?? "1 selected")
        : `${label}: ${selected.length} selected`;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="justify-between font-normal" aria-label={`${label}: ${summary}`}>
          <span className="max-w-40 truncate">{summary}</span>
          <ChevronDown aria-hidden className="opacity-60" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="min-w-56">
        {groups.map((group, index) => (
          <Fragment key={group.label ?? index}>
            {index > 0 ? <DropdownMenuSeparator /> : null}
            {group.label ? <DropdownMenuLabel>{group.label}</DropdownMenuLabel> : null}
            {group.options.map((option) => (
              <DropdownMenuCheckboxItem
                key={option.value}
                checked={selected.includes(option.value)}
                onCheckedChange={(checked) => toggle(option.value, checked === true)}
                onSelect={(event) => event.preventDefault()}
              >
                {option.label}
              </DropdownMenuCheckboxItem>
            ))}
          </Fragment>
        ))}
        {groups.every((group) => group.options.length === 0) ? (
          <p className="px-2 py-1.5 text-sm text-muted-foreground">Nothing to choose from yet.</p>
        ) : null}
        {selected.length > 0 ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onChange([])}>
              Clear {label.toLowerCase()} filter
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
