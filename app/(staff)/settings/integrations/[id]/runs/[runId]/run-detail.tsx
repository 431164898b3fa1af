"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft, CircleAlert, ListChecks } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import {
  countsSentence,
  errorKindAdvice,
  formatDuration,
  isFinished,
  triggerText,
} from "../../../integration-format";
import { RunStatusBadge } from "../../../status-badges";

/** One sync run: when, who, how long, what it changed, why it failed, and each record it could not take in. */
export function RunDetailView({ integrationId, runId }: { integrationId: string; runId: string }) {
  const trpc = useTRPC();
  const { data: run } = useSuspenseQuery({
    ...trpc.integrations.run.queryOptions({ runId }),
    refetchInterval: (query) => (query.state.data && !isFinished(query.state.data.status) ? 2000 : false),
  });

  const facts: Array<[string, ReactNode]> = [
    ["Trigger", triggerText(run.trigger, run.requestedBy)],
    ["Mode", run.mode === "full" ? "Full (everyone)" : "Changes since the last sync"],
    ["Started", <DateTime key="started" value={run.startedAt} />],
    ["Finished", <DateTime key="finished" value={run.finishedAt} />],
    ["Duration", formatDuration(run.durationMs)],
    ["Pages", formatCount(run.pages)],
    ["Records the provider reported", run.total ? formatCount(run.total) : "—"],
    ["Outcome", countsSentence(run)],
  ];

  return (
    <div className="grid gap-6">
      <Link
        href={`/settings/integrations/${integrationId}`}
        className="inline-flex w-fit items-center gap-1 rounded-sm text-muted-foreground text-sm outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> {run.integrationName}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            Sync run <RunStatusBadge status={run.status} />
          </span>
        }
        description={
          <>
            {run.integrationName}
            {run.startedAt ? (
              <>
                , started <DateTime value={run.startedAt} />
              </>
            ) : null}
          </>
        }
      />

      {run.status === "failed" ? (
        <Alert variant="destructive">
          <CircleAlert aria-hidden />
          <AlertTitle>The sync failed</AlertTitle>
          <AlertDescription>
            <p>{run.error ?? "The run stopped before it finished."}</p>
            {run.errorKind && errorKindAdvice[run.errorKind] ? <p>{errorKindAdvice[run.errorKind]}</p> : null}
            <p>Records committed before the failure are kept.</p>
          </AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Summary</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
            {facts.map(([label, value]) => (
              <div key={label} className="grid gap-0.5">
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
          <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-5">
            {(
              [
                ["Added", run.added],
                ["Updated", run.updated],
                ["Unchanged", run.unchanged],
                ["Skipped", run.skipped],
                ["Failed", run.failed],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md border px-3 py-2">
                <dt className="text-muted-foreground text-xs">{label}</dt>
                <dd className="font-semibold text-lg tabular-nums">{formatCount(value)}</dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Records not taken in</CardTitle>
          <CardDescription>
            Records the sync skipped or could not take in, by the provider's id, and why. The rest of the run
            went on without them; once what the reason says is fixed, the next sync picks them up.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          {run.errors.length === 0 ? (
            <EmptyState
              icon={<ListChecks aria-hidden />}
              title="Every record taken in"
              description={
                isFinished(run.status)
                  ? "Every record this run read was added, updated or found unchanged."
                  : "None so far; this page updates while the run goes on."
              }
            />
          ) : (
            <>
              {run.errorCount > run.errors.length ? (
                <p className="text-muted-foreground text-sm">
                  Showing the first {formatCount(run.errors.length)} of {formatCount(run.errorCount)} records
                  not taken in.
                </p>
              ) : null}
              <Table stickyFirstColumn aria-label="Records not taken in">
                <TableHeader>
                  <TableRow>
                    <TableHead>Record at the provider</TableHead>
                    <TableHead>Reason</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {run.errors.map((error, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, and one record may fail twice for one reason
                    <TableRow key={`${error.externalId ?? "unknown"}-${index}`}>
                      <TableCell className="font-mono text-sm">{error.externalId ?? "Unknown id"}</TableCell>
                      <TableCell className="whitespace-normal">{error.reason}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
