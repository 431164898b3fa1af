"use client";

import { Ban, CircleCheck, CircleX } from "lucide-react";
import Link from "next/link";
import { Fragment, type ReactNode } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { StatCard } from "@/app/_components/ui/stat-card";
import { formatCount } from "@/app/_lib/format";
import { ProgressBar, percentOf } from "./progress-bar";

/**
 * Which step an import's page shows, from its status: the mapping (and, once the dry run is done,
 * the confirmation) or the progress and outcome. The mapping is drawn afresh when its saved
 * columns change or a dry run starts or ends, so its choices start from what the server holds.
 */
export function ImportStages<View extends { status: string; columns: Array<string | null> }>({
  view,
  error,
  mapping,
  confirm,
  progress,
}: {
  view: View | undefined;
  error: { message: string } | null;
  mapping: (view: View) => ReactNode;
  confirm: (view: View) => ReactNode;
  progress: (view: View) => ReactNode;
}) {
  if (error) {
    return (
      <p role="alert" className="text-destructive text-sm">
        {error.message}
      </p>
    );
  }
  if (!view) return <Skeleton className="h-64 w-full" />;
  if (view.status === "uploaded" || view.status === "validating" || view.status === "validated") {
    return (
      <div className="grid gap-6">
        <Fragment key={`${view.columns.join("|")}:${view.status === "validating"}`}>{mapping(view)}</Fragment>
        {view.status === "validated" ? confirm(view) : null}
      </div>
    );
  }
  return progress(view);
}

const endings = {
  completed: { title: "Import complete", icon: <CircleCheck aria-hidden className="size-5 text-success" /> },
  failed: { title: "Import failed", icon: <CircleX aria-hidden className="size-5 text-destructive" /> },
  cancelled: {
    title: "Import cancelled",
    icon: <Ban aria-hidden className="size-5 text-muted-foreground" />,
  },
};

/** The header of an import that has ended: how it ended, its file and when. */
export function ImportEndingHeader({
  view,
}: {
  view: { status: string; fileName: string; finishedAt: Date | null };
}) {
  const ending = endings[view.status === "failed" || view.status === "cancelled" ? view.status : "completed"];
  return (
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
  );
}

/** The ways on from an import that has ended: to what it wrote, or to another file. */
export function ImportEndingLinks({
  list,
  listLabel,
  page,
}: {
  list: string;
  listLabel: string;
  page: string;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={list} className={buttonVariants()}>
        {listLabel}
      </Link>
      <Link href={page} className={buttonVariants({ variant: "outline" })}>
        Import another file
      </Link>
    </div>
  );
}

/** The dry run's counts: rows in the file, ready, and with problems (by kind of problem). */
export function DryRunCounts({
  view,
  labels,
}: {
  view: { totalRows: number; validRows: number; problemsByCode: Record<string, number> };
  labels: Record<string, string>;
}) {
  return (
    <section aria-label="Dry run counts" className="grid gap-4 sm:grid-cols-3">
      <StatCard label="Rows in the file" value={formatCount(view.totalRows)} />
      <StatCard label="Ready to import" value={formatCount(view.validRows)} />
      <StatCard
        label="Rows with problems"
        value={formatCount(view.totalRows - view.validRows)}
        hint={Object.entries(view.problemsByCode)
          .map(([code, count]) => `${labels[code] ?? code}: ${formatCount(count)}`)
          .join(" · ")}
      />
    </section>
  );
}

/** An import while its function writes it: the bar (the page polls), rows done, and the cancel. */
export function ImportRunning({
  title,
  description,
  done,
  total,
  cancel,
}: {
  title: string;
  description: string;
  done: number;
  total: number;
  cancel: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <ProgressBar label="Import progress" done={done} total={total} className="h-3" />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-muted-foreground text-sm tabular-nums">
            {formatCount(done)} of {formatCount(total)} rows ({percentOf(done, total)}%)
          </p>
          {cancel}
        </div>
      </CardContent>
    </Card>
  );
}
