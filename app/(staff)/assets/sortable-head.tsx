import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { ReactNode } from "react";
import { TableHead } from "@/app/_components/ui/table";
import { type AssetSort, defaultDirection } from "../../../server/assets/list/url";

type SortableHeadProps<S extends string> = {
  sort: S;
  current: S;
  dir: "asc" | "desc";
  onSort: (sort: S, dir: "asc" | "desc") => void;
  children: ReactNode;
  className?: string;
  /** The direction a column sorts in first (the asset list's by default; other lists pass theirs). */
  firstDirection?: (sort: S) => "asc" | "desc";
};

/**
 * A column header that sorts a list: aria-sort says how, the button toggles the direction. The
 * asset and employee lists share it.
 */
export function SortableHead<S extends string = AssetSort>({
  sort,
  current,
  dir,
  onSort,
  children,
  className,
  firstDirection = (column) => defaultDirection(column as AssetSort),
}: SortableHeadProps<S>) {
  const active = sort === current;
  const Icon = active ? (dir === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
  const next = active ? (dir === "asc" ? "desc" : "asc") : firstDirection(sort);
  return (
    <TableHead
      className={className}
      aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <button
        type="button"
        className="-mx-1 inline-flex items-center gap-1 rounded-sm px-1 py-0.5 outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        onClick={() => onSort(sort, next)}
      >
        {children}
        <Icon aria-hidden className={active ? "size-3.5" : "size-3.5 opacity-40"} />
        <span className="sr-only">, sort {next === "asc" ? "ascending" : "descending"}</span>
      </button>
    </TableHead>
  );
}
