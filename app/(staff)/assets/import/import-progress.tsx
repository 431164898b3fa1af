"use client";

import { Ban, CircleCheck, CircleX } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { formatCount } from "@/app/_lib/format";
import { CancelImportButton } from "./cancel-import-button";
import type { ImportView } from "./import-types";
import { ProblemList } from "./problem-list";

const rows = (count: number) => `${formatCount(count)} ${count === 1 ? "row" : "rows"}`;

/** The one-line outcome of an import that has ended. */
function summaryOf(view: ImportView): string {
  const skipped = view.totalRows - view.importedRows;
  if (view.status === "failed") {
    return `${view.error ?? "The import failed."} ${formatCount(view.importedRows)} assets were imported.`;
  }
  if (view.status === "cancelled") {
    if (view.mode === null) return "The import was cancelled before anything was written.";
    if (view.mode === "all_or_nothing") {
      return "The import was cancelled; the rows it had written were deleted before anyone saw them, so no asset was imported.";
    }
    return `The import was cancelled: ${formatCount(view.importedRows)} assets were imported before the cancel and stay; ${rows(skipped)} not imported.`;
  }
  return `${formatCount(view.importedRows)} assets imported; ${rows(skipped)} skipped.`;
}

const endings = {
  completed: { title: "Import complete", icon: <CircleCheck aria-hidden className="size-5 text-success" /> },
  failed: { title: "Import failed", icon: <CircleX aria-hidden className="size-5 text-destructive" /> },
  cancelled: {
    title: "Import cancelled",
    icon: <Ban aria-hidden className="size-5 text-muted-foreground" />,
  },
};

/** Step 4: the bar while the rows are written (the page polls), then the summary. */
export function ImportProgress({ view }: { view: ImportView }) {
  const running = view.status === "importing";
  const total = Math.max(1, view.validRows);
  // all_or_nothing: the rows are written hidden (processed), then made visible (imported).
  const done = view.publishing ? view.importedRows : view.processedRows;
  const percent = Math.min(100, Math.round((done / total) * 100));

  if (running) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>{view.publishing ? "Making the assets visible…" : "Importing…"}</CardTitle>
          <CardDescription>
            {view.mode !== "all_or_nothing"
              ? "Rows are written in batches; you can leave this page, the import carries on."
              : view.publishing
                ? "Every row is written; the assets now appear in batches, each with its history and events."
                : "Rows are written in batches that nobody sees yet; if any row fails, or you cancel, none of them is kept."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-2">
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={view.validRows}
            aria-valuenow={done}
            aria-valuetext={`${formatCount(done)} of ${formatCount(view.validRows)} rows`}
            className="h-3 w-full overflow-hidden rounded-full bg-muted"
          >
            <div
              className="h-full bg-primary transition-[width] duration-500"
              style={{ width: `${percent}%` }}
            />
          </div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="text-muted-foreground text-sm tabular-nums">
              {formatCount(done)} of {formatCount(view.validRows)} rows ({percent}%)
            </p>
            <CancelImportButton view={view} />
          </div>
        </CardContent>
      </Card>
    );
  }

  const ending = endings[view.status === "failed" || view.status === "cancelled" ? view.status : "completed"];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {ending.icon}
          {ending.title}
        </CardTitle>
        <CardDescription>
          {view.fileName}, {view.status === "cancelled" ? "cancelled" : "finished"}{" "}
          <DateTime value={view.finishedAt} />.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p role="status" className="text-sm">
          {summaryOf(view)}
        </p>
        <ProblemList importId={view.id} total={view.problemCount} listed={view.problemsListed} />
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
