"use client";

import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { cn } from "@/app/_lib/cn";
import { formatCount } from "@/app/_lib/format";
import { countsSentence, formatDuration, isFinished, progressOf, triggerText } from "../integration-format";
import type { RunSummary } from "../integration-types";
import { RunStatusBadge } from "../status-badges";

const countLabels = [
  ["added", "Added"],
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
  ["skipped", "Skipped"],
  ["failed", "Failed"],
] as const;

/** What the run is doing, in one sentence (the part read out when it changes). */
function statusSentence(run: RunSummary): string {
  switch (run.status) {
    case "queued":
      return "Waiting to start…";
    case "running":
      return run.pages > 0
        ? `Syncing: page ${formatCount(run.pages)} committed.`
        : "Syncing: reading the first page…";
    case "succeeded":
      return `Sync finished: ${countsSentence(run)}.`;
    case "partial":
      return `Sync finished with errors: ${countsSentence(run)}.`;
    case "failed":
      return `Sync failed${run.error ? `: ${run.error}` : "."} What it applied before failing is kept; the next sync resumes from there.`;
  }
}

/** The run started here (or by the schedule) as it happens: pages, processed of total, counts. */
export function SyncProgress({ integrationId, run }: { integrationId: string; run: RunSummary }) {
  const progress = progressOf(run);
  const finished = isFinished(run.status);
  // A finished run whose provider never said how many there were is complete at what it read.
  const max = progress.max ?? (finished ? progress.value : null);
  const percent = progress.percent ?? (finished ? 100 : null);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          {finished ? "Latest sync" : "Sync in progress"} <RunStatusBadge status={run.status} />
        </CardTitle>
        <CardDescription>
          {triggerText(run.trigger, run.requestedBy)}, {run.mode === "full" ? "full" : "changes only"}
          {run.startedAt ? (
            <>
              , started <DateTime value={run.startedAt} />
            </>
          ) : null}
          {finished && run.durationMs !== null ? `, took ${formatDuration(run.durationMs)}` : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p role="status" className={cn("text-sm", run.status === "failed" && "font-medium text-destructive")}>
          {statusSentence(run)}
        </p>
        <div className="grid gap-1.5">
          <div className="flex justify-between text-muted-foreground text-sm">
            <span id="sync-progress-label">Records processed</span>
            <span className="tabular-nums">
              {formatCount(progress.value)}
              {max !== null ? ` of ${formatCount(max)}` : ""} · {formatCount(run.pages)}{" "}
              {run.pages === 1 ? "page" : "pages"}
            </span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="sync-progress-label"
            aria-valuemin={0}
            aria-valuemax={max ?? undefined}
            aria-valuenow={max !== null ? progress.value : undefined}
            aria-valuetext={
              max !== null
                ? `${formatCount(progress.value)} of ${formatCount(max)} records`
                : `${formatCount(progress.value)} records so far`
            }
            className="h-2 overflow-hidden rounded-full bg-muted"
          >
            <div
              className={cn(
                "h-full rounded-full transition-[width]",
                run.status === "failed" ? "bg-destructive" : "bg-primary",
                percent === null && "w-1/3 motion-safe:animate-pulse",
              )}
              style={percent !== null ? { width: `${percent}%` } : undefined}
            />
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {countLabels.map(([key, label]) => (
            <div key={key} className="rounded-md border px-3 py-2">
              <dt className="text-muted-foreground text-xs">{label}</dt>
              <dd
                className={cn(
                  "font-semibold text-lg tabular-nums",
                  key === "failed" && run.failed > 0 && "text-destructive",
                )}
              >
                {formatCount(run[key])}
              </dd>
            </div>
          ))}
        </dl>
        {finished ? (
          <Link
            href={`/settings/integrations/${integrationId}/runs/${run.id}`}
            className="w-fit font-medium text-primary text-sm underline-offset-4 hover:underline"
          >
            Run details{run.failed > 0 ? ` and ${formatCount(run.failed)} record errors` : ""}
          </Link>
        ) : null}
      </CardContent>
    </Card>
  );
}
