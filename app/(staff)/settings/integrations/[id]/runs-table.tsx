"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { formatDuration, triggerText } from "../integration-format";
import { RunStatusBadge } from "../status-badges";
import { nextRunsCursor, runsPageSize } from "./runs-options";

/** Every run of the integration, newest first, each linking to its page with per-record errors. */
export function RunsTable({ integrationId }: { integrationId: string }) {
  const trpc = useTRPC();
  const runs = useSuspenseInfiniteQuery(
    trpc.integrations.runs.infiniteQueryOptions(
      { id: integrationId, limit: runsPageSize },
      { getNextPageParam: nextRunsCursor },
    ),
  );
  const items = runs.data.pages.flatMap((page) => page.items);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Runs</CardTitle>
        <CardDescription>
          Every sync, newest first: who or what started it, how long it took and what it changed.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {items.length === 0 ? (
          <EmptyState
            icon={<History aria-hidden />}
            title="No runs yet"
            description="The first sync shows here with its counts and any record it could not take in."
          />
        ) : (
          <>
            <Table stickyFirstColumn aria-label="Runs">
              <TableHeader>
                <TableRow>
                  <TableHead>Started</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Trigger</TableHead>
                  <TableHead className="text-right">Duration</TableHead>
                  <TableHead className="text-right">Added</TableHead>
                  <TableHead className="text-right">Updated</TableHead>
                  <TableHead className="text-right">Unchanged</TableHead>
                  <TableHead className="text-right">Skipped</TableHead>
                  <TableHead className="text-right">Failed</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((run) => (
                  <TableRow key={run.id}>
                    <TableCell>
                      <Link
                        href={`/settings/integrations/${integrationId}/runs/${run.id}`}
                        className="font-medium underline-offset-4 hover:underline"
                      >
                        {run.startedAt ? <DateTime value={run.startedAt} /> : "Not started yet"}
                        <span className="sr-only"> run details</span>
                      </Link>
                    </TableCell>
                    <TableCell>
                      <RunStatusBadge status={run.status} />
                    </TableCell>
                    <TableCell className="text-sm">
                      {triggerText(run.trigger, run.requestedBy)}
                      <div className="text-muted-foreground text-xs">
                        {run.mode === "full" ? "Full" : "Changes only"}
                      </div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">
                      {formatDuration(run.durationMs)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(run.added)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(run.updated)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(run.unchanged)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatCount(run.skipped)}</TableCell>
                    <TableCell
                      className={
                        run.failed > 0
                          ? "text-right font-medium text-destructive tabular-nums"
                          : "text-right tabular-nums"
                      }
                    >
                      {formatCount(run.failed)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {runs.hasNextPage ? (
              <Button
                variant="outline"
                className="w-fit"
                onClick={() => runs.fetchNextPage()}
                disabled={runs.isFetchingNextPage}
              >
                {runs.isFetchingNextPage ? "Loading…" : "Show older runs"}
              </Button>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
