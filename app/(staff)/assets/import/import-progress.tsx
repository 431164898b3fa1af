"use client";

import { CircleCheck, CircleX } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { formatCount, formatDateTime } from "@/app/_lib/format";
import type { ImportView } from "./import-types";
import { ProblemList } from "./problem-list";

/** Step 4: the bar while the rows are written (the page polls), then the summary. */
export function ImportProgress({ view }: { view: ImportView }) {
  const running = view.status === "importing";
  const total = Math.max(1, view.validRows);
  const percent = Math.min(100, Math.round((view.processedRows / total) * 100));
  const skipped = view.totalRows - view.importedRows;

  if (running) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Importing…</CardTitle>
          <CardDescription>
            {view.mode === "all_or_nothing"
              ? "All rows are written in one transaction; they appear together when it commits."
              : "Rows are written in batches; you can leave this page, the import carries on."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={view.validRows}
            aria-valuenow={view.processedRows}
            aria-valuetext={`${formatCount(view.processedRows)} of ${formatCount(view.validRows)} rows`}
            className="h-3 w-full overflow-hidden rounded-full bg-muted"
          >
            <div
              className="h-full bg-primary transition-[width] duration-500"
              style={{ width: `${percent}%` }}
            />
          </div>
          <p className="text-muted-foreground text-sm tabular-nums">
            {formatCount(view.processedRows)} of {formatCount(view.validRows)} rows ({percent}%)
          </p>
        </CardContent>
      </Card>
    );
  }

  const failed = view.status === "failed";
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {failed ? (
            <CircleX aria-hidden className="size-5 text-destructive" />
          ) : (
            <CircleCheck aria-hidden className="size-5 text-success" />
          )}
          {failed ? "Import failed" : "Import complete"}
        </CardTitle>
        <CardDescription>
          {view.fileName}, finished {formatDateTime(view.finishedAt)}.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p role="status" className="text-sm">
          {failed
            ? `${view.error ?? "The import failed."} ${formatCount(view.importedRows)} assets were imported.`
            : `${formatCount(view.importedRows)} assets imported; ${formatCount(skipped)} ${skipped === 1 ? "row" : "rows"} skipped.`}
        </p>
        <ProblemList importId={view.id} total={view.problemCount} />
        <div className="flex flex-wrap gap-2">
          <Link href="/assets?sort=created&dir=desc" className={buttonVariants()}>
            View assets
          </Link>
          <Link href="/assets/import" className={buttonVariants({ variant: "outline" })}>
            Import another file
          </Link>
        </div>
      </CardContent>
    </Card>
  );
}
