"use client";

import { Columns3 } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/app/_components/ui/dropdown-menu";
import { type ColumnKey, defaultColumns, optionalColumns, parseColumns } from "./asset-columns";

const STORAGE_KEY = "assetronics:asset-list-columns";

/**
 * The asset list's columns as this person last chose them, kept in their browser. The first
 * render uses the defaults (the server cannot know the choice), then the stored one.
 */
export function useAssetColumns() {
  const [columns, setColumns] = useState<ColumnKey[]>([...defaultColumns]);
  useEffect(() => setColumns(parseColumns(window.localStorage.getItem(STORAGE_KEY))), []);
  const toggle = (key: ColumnKey, shown: boolean) => {
    const next = parseColumns(
      JSON.stringify(shown ? [...columns, key] : columns.filter((column) => column !== key)),
    );
    setColumns(next);
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  };
  return { columns: new Set(columns), toggle };
}

export function ColumnChooser({
  columns,
  toggle,
}: {
  columns: ReadonlySet<ColumnKey>;
  toggle: (key: ColumnKey, shown: boolean) => void;
}) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm">
          <Columns3 aria-hidden /> Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        <DropdownMenuSeparator />
        {optionalColumns.map((column) => (
          <DropdownMenuCheckboxItem
            key={column.key}
            checked={columns.has(column.key)}
            onCheckedChange={(checked) => toggle(column.key, checked)}
            onSelect={(event) => event.preventDefault()}
          >
            {column.label}
          </DropdownMenuCheckboxItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
