"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Activity, CircleAlert, Inbox, Workflow } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { StatCard } from "@/app/_components/ui/stat-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatRelative, humanizeEventName } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { RunDetailDialog } from "./run-detail-dialog";
import { runHeadline, runReason, runStatusBadge } from "./run-format";

const ALL = "all";
const statuses = ["queued", "running", "sleeping", "completed", "failed", "cancelled", "skipped"] as const;
type Status = (typeof statuses)[number];

export function AutomationPanel({
  status,
  functionId,
  canRetry,
}: {
  status?: Status;
  functionId?: string;
  canRetry: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [openRun, setOpenRun] = useState<string | null>(null);
  // Runs move on their own; refresh while the page is open.
  const { data: overview } = useSuspenseQuery({
    ...trpc.automation.overview.queryOptions(),
    refetchInterval: 5000,
  });
  const { data: runs } = useSuspenseQuery({
    ...trpc.automation.runs.queryOptions({ status, functionId }),
    refetchInterval: 5000,
  });

  const setFilter = (key: "status" | "fn", value: string) => {
    const next = new URLSearchParams(searchParams.toString());
    if (value === ALL) next.delete(key);
    else next.set(key, value);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };
  const functionName = new Map(overview.functions.map((fn) => [fn.id, fn.name]));
  const active =
    (overview.counts.queued ?? 0) + (overview.counts.running ?? 0) + (overview.counts.sleeping ?? 0);

  return (
    <div className="grid gap-6">
      {overview.backlog.lastError ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/50 px-4 py-3 text-sm text-destructive"
        >
          Delivery is being retried: {overview.backlog.lastError}
        </p>
      ) : null}

      <Card>
        <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-4">
          <div className="grid gap-1.5">
            <CardTitle>Runs</CardTitle>
            <CardDescription>
              What automation did, newest first, and why. Details show a run's steps, attempts and errors.
            </CardDescription>
          </div>
          <div className="flex flex-wrap gap-2">
            <Select value={status ?? ALL} onValueChange={(value) => setFilter("status", value)}>
              <SelectTrigger className="w-40" aria-label="Filter by status">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All statuses</SelectItem>
                {statuses.map((value) => (
                  <SelectItem key={value} value={value}>
                    {value}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Select value={functionId ?? ALL} onValueChange={(value) => setFilter("fn", value)}>
              <SelectTrigger className="w-56" aria-label="Filter by function">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL}>All functions</SelectItem>
                {overview.functions.map((fn) => (
                  <SelectItem key={fn.id} value={fn.id}>
                    {fn.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
        </CardHeader>
        <CardContent>
          {runs.length === 0 ? (
            <EmptyState
              icon={<Activity aria-hidden />}
              title="No runs match"
              description="Runs appear as soon as an event triggers a function."
            />
          ) : (
            <Table stickyFirstColumn aria-label="Automation runs">
              <TableHeader>
                <TableRow>
                  <TableHead>What happened</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead>Started</TableHead>
                  <TableHead className="sr-only">Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {runs.map((run) => (
                  <TableRow key={run.id}>
                    <TableCell className="max-w-xl whitespace-normal">
                      <div
                        className={run.status === "failed" ? "font-medium text-destructive" : "font-medium"}
                      >
                        {runHeadline(run, humanizeEventName)}
                      </div>
                      <div className="text-xs text-muted-foreground">
                        {functionName.get(run.functionId) ?? run.functionId},{" "}
                        {runReason(run, humanizeEventName)}
                        {" · "}
                        {run.trigger?.subject.href ? (
                          <>
                            <Link
                              href={run.trigger.subject.href}
                              className="underline-offset-4 hover:underline"
                            >
                              Open {run.trigger.subject.label}
                            </Link>
                            {" · "}
                          </>
                        ) : null}
                        <Link
                          href={`/audit/chain/${run.triggerEventId}`}
                          className="font-medium text-primary underline-offset-4 hover:underline"
                        >
                          What followed<span className="sr-only"> {runHeadline(run, humanizeEventName)}</span>
                        </Link>
                      </div>
                    </TableCell>
                    <TableCell>
                      <Badge variant={runStatusBadge[run.status]}>{run.status}</Badge>
                    </TableCell>
                    <TableCell className="text-sm text-muted-foreground">
                      {formatRelative(run.createdAt)}
                    </TableCell>
                    <TableCell className="text-right">
                      <Button variant="ghost" size="sm" onClick={() => setOpenRun(run.id)}>
                        Details
                        <span className="sr-only">
                          {" "}
                          of the {functionName.get(run.functionId) ?? run.functionId} run
                        </span>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      {/* For whoever runs the engine: its mode, the delivery backlog, and function ids and triggers. */}
      <details className="group rounded-xl border bg-card p-4">
        <summary className="cursor-pointer text-sm font-medium">
          Engine details: {overview.backlog.pending} events waiting for delivery,{" "}
          {overview.counts.failed ?? 0} failed runs, function ids
        </summary>
        <div className="mt-4 grid gap-6">
          <section aria-label="Automation health" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <StatCard
              label="Engine"
              value={overview.mode === "embedded" ? "Embedded" : "Inngest"}
              icon={<Workflow aria-hidden />}
              hint={overview.mode === "embedded" ? "Runs inside this app" : "Inngest runs the functions"}
            />
            <StatCard
              label="Completed runs"
              value={overview.counts.completed ?? 0}
              icon={<Activity aria-hidden />}
            />
            <StatCard
              label="Failed runs"
              value={overview.counts.failed ?? 0}
              icon={<CircleAlert aria-hidden />}
              hint={active ? `${active} in progress` : "None in progress"}
            />
            <StatCard
              label="Delivery backlog"
              value={overview.backlog.pending}
              icon={<Inbox aria-hidden />}
              hint={
                overview.backlog.oldestPendingAt
                  ? `Oldest queued ${formatRelative(overview.backlog.oldestPendingAt)}${overview.backlog.retrying ? `, ${overview.backlog.retrying} retrying` : ""}`
                  : "Every event delivered"
              }
            />
          </section>
          <Card>
            <CardHeader>
              <CardTitle>Functions</CardTitle>
              <CardDescription>What runs, and on which events.</CardDescription>
            </CardHeader>
            <CardContent>
              <Table stickyFirstColumn aria-label="Functions">
                <TableHeader>
                  <TableRow>
                    <TableHead>Function</TableHead>
                    <TableHead>Triggers</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {overview.functions.map((fn) => (
                    <TableRow key={fn.id}>
                      <TableCell className="font-medium">{fn.name}</TableCell>
                      <TableCell className="font-mono text-xs">{fn.triggers.join(", ")}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </div>
      </details>
      {openRun ? (
        <RunDetailDialog runId={openRun} canRetry={canRetry} onClose={() => setOpenRun(null)} />
      ) : null}
    </div>
  );
}
