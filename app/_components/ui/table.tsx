import type * as React from "react";
import { cn } from "@/app/_lib/cn";

/**
 * The first cell of every row, pinned to the left edge on a phone (below md) with the card's
 * background so the columns scrolling under it do not show through; a hairline marks the edge.
 */
const stickyFirstColumnClasses =
  "max-md:[&_tr>:first-child]:sticky max-md:[&_tr>:first-child]:left-0 max-md:[&_tr>:first-child]:z-10 max-md:[&_tr>:first-child]:bg-card max-md:[&_tr>:first-child]:shadow-[inset_-1px_0_0_var(--border)]";

type TableProps = React.ComponentProps<"table"> & {
  /**
   * On a phone the table scrolls sideways; its key column (the first: a name, a tag, a time)
   * stays in view so every row is still known whatever column is shown.
   */
  stickyFirstColumn?: boolean;
};

function Table({ className, stickyFirstColumn, ...props }: TableProps) {
  return (
    // inline-size containment: a wide table scrolls inside its container instead of widening the
    // page (its content no longer counts toward the min-content width of the grids around it).
    <div data-slot="table-container" className="relative w-full overflow-x-auto [contain:inline-size]">
      <table
        data-slot="table"
        data-sticky-first-column={stickyFirstColumn || undefined}
        className={cn(
          "w-full caption-bottom text-sm",
          stickyFirstColumn && stickyFirstColumnClasses,
          className,
        )}
        {...props}
      />
    </div>
  );
}

function TableHeader({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead data-slot="table-header" className={cn("[&_tr]:border-b", className)} {...props} />;
}

function TableBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody data-slot="table-body" className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

function TableFooter({ className, ...props }: React.ComponentProps<"tfoot">) {
  return (
    <tfoot
      data-slot="table-footer"
      className={cn("border-t bg-muted/50 font-medium [&>tr]:last:border-b-0", className)}
      {...props}
    />
  );
}

function TableRow({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      data-slot="table-row"
      className={cn("border-b transition-colors hover:bg-muted/50 data-[state=selected]:bg-muted", className)}
      {...props}
    />
  );
}

function TableHead({ className, ...props }: React.ComponentProps<"th">) {
  return (
    <th
      data-slot="table-head"
      className={cn(
        "h-10 whitespace-nowrap px-2 text-left align-middle font-medium text-muted-foreground [&:has([role=checkbox])]:pr-0",
        className,
      )}
      {...props}
    />
  );
}

function TableCell({ className, ...props }: React.ComponentProps<"td">) {
  return (
    <td
      data-slot="table-cell"
      className={cn("whitespace-nowrap p-2 align-middle [&:has([role=checkbox])]:pr-0", className)}
      {...props}
    />
  );
}

function TableCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return (
    <caption
      data-slot="table-caption"
      className={cn("mt-4 text-muted-foreground text-sm", className)}
      {...props}
    />
  );
}

export { Table, TableBody, TableCaption, TableCell, TableFooter, TableHead, TableHeader, TableRow };
