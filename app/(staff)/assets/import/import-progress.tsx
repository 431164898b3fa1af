"use client";

import {
  ImportEndingHeader,
  ImportEndingLinks,
  ImportRunning,
} from "@/app/_components/csv-import/import-stages";
import { Card, CardContent } from "@/app/_components/ui/card";
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

/** Step 4: the bar while the rows are written (the page polls), then the summary. */
export function ImportProgress({ view }: { view: ImportView }) {
  if (view.status === "importing") {
    return (
      <ImportRunning
        title={view.publishing ? "Making the assets visible…" : "Importing…"}
        description={
          view.mode !== "all_or_nothing"
            ? "Rows are written in batches; you can leave this page, the import carries on."
            : view.publishing
              ? "Every row is written; the assets now appear in batches, each with its history and events."
              : "Rows are written in batches that nobody sees yet; if any row fails, or you cancel, none of them is kept."
        }
        // all_or_nothing: the rows are written hidden (processed), then made visible (imported).
        done={view.publishing ? view.importedRows : view.processedRows}
        total={view.validRows}
        cancel={<CancelImportButton view={view} />}
      />
    );
  }

  return (
    <Card>
      <ImportEndingHeader view={view} />
      <CardContent className="grid gap-4">
        <p role="status" className="text-sm">
          {summaryOf(view)}
        </p>
        <ProblemList importId={view.id} total={view.problemCount} listed={view.problemsListed} />
        <ImportEndingLinks
          list="/assets?sort=created&dir=desc"
          listLabel="View assets"
          page="/assets/import"
        />
      </CardContent>
    </Card>
  );
}
