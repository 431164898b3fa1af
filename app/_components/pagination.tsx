"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/app/_components/ui/button";
import { formatCount, formatRange } from "@/app/_lib/format";

type PaginationProps = {
  page: number;
  pageSize: number;
  /** Rows on this page (the last page may be short). */
  shown: number;
  total: number;
  /** The total was counted only up to a cap: show "10,000+" and keep Next available. */
  totalIsCapped: boolean;
  /** What the rows are, for screen readers: "assets", "employees". */
  noun: string;
  onPageChange: (page: number) => void;
};

/** "1–50 of 1,234" with previous/next; the range is announced when it changes. */
export function Pagination({
  page,
  pageSize,
  shown,
  total,
  totalIsCapped,
  noun,
  onPageChange,
}: PaginationProps) {
  const first = (page - 1) * pageSize + 1;
  const hasNext = totalIsCapped ? shown === pageSize : first - 1 + shown < total;
  const totalLabel = `${formatCount(total)}${totalIsCapped ? "+" : ""}`;
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {shown === 0 ? `0 of ${totalLabel}` : `${formatRange(first, first - 1 + shown)} of ${totalLabel}`}
        <span className="sr-only"> {noun}</span>
      </p>
      <div className="flex items-center gap-2">
        <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          <ChevronLeft aria-hidden /> Previous<span className="sr-only"> page</span>
        </Button>
        <span className="text-sm tabular-nums" aria-current="page">
          Page {formatCount(page)}
        </span>
        <Button variant="outline" size="sm" disabled={!hasNext} onClick={() => onPageChange(page + 1)}>
          Next<span className="sr-only"> page</span> <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}
