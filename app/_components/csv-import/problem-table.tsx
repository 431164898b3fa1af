"use client";

import { Download } from "lucide-react";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount, formatRange } from "@/app/_lib/format";

export const PROBLEM_PAGE_SIZE = 50;

type Problem = { line: number; column: string | null; value: string | null; code: string; message: string };

/**
 * The rows a dry run (or an import) of any kind rejected, a page at a time, with a CSV download of
 * them all. The page lists the first `listed` of `total`; the download has every one.
 */
export function ProblemTable({
  total,
  listed,
  items,
  page,
  onPage,
  downloadHref,
}: {
  total: number;
  listed: number;
  items: readonly Problem[];
  page: number;
  onPage: (page: number) => void;
  downloadHref: string;
}) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(Math.min(total, listed) / PROBLEM_PAGE_SIZE));
  const first = (page - 1) * PROBLEM_PAGE_SIZE + 1;

  return (
    <section aria-labelledby="problems-title" className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="problems-title" className="font-semibold text-base">
          Row problems ({formatCount(total)})
        </h2>
        <a href={downloadHref} className={buttonVariants({ variant: "outline", size: "sm" })} download>
          <Download aria-hidden /> Download problems (CSV)
        </a>
      </div>
      {listed < total ? (
        <p className="text-muted-foreground text-sm">
          The first {formatCount(listed)} problems are listed here; the CSV download has all{" "}
          {formatCount(total)}.
        </p>
      ) : null}
      <Table stickyFirstColumn aria-label="Row problems">
        <TableHeader>
          <TableRow>
            <TableHead className="w-20">Line</TableHead>
            <TableHead className="w-40">Column</TableHead>
            <TableHead className="w-48">Value</TableHead>
            <TableHead>Problem</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((problem) => (
            <TableRow key={`${problem.line}-${problem.code}-${problem.column}-${problem.message}`}>
              <TableCell className="tabular-nums">{problem.line}</TableCell>
              <TableCell>{problem.column ?? "—"}</TableCell>
              <TableCell className="max-w-48 truncate font-mono text-xs">{problem.value ?? ""}</TableCell>
              <TableCell>{problem.message}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pages > 1 ? (
        <nav aria-label="Problem pages" className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted-foreground">
            {formatRange(first, Math.min(listed, first + PROBLEM_PAGE_SIZE - 1))} of {formatCount(listed)}
          </span>
          <Button variant="outline" size="sm" disabled={page === 1} onClick={() => onPage(page - 1)}>
            Previous
          </Button>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
