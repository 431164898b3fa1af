"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { StartWorkflowDialog, type WorkflowSubject } from "./start-workflow-dialog";
import { openWorkflowStatuses, workflowKindLabels } from "./workflow-labels";
import { DueDate, WorkflowStatusBadge } from "./workflow-status-badge";

/** Enough to hold every open workflow of one asset or person; the full list is one link away. */
const RECENT = 100;

const linkClass =
  "rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

/**
 * The open workflows about one asset or employee (a card on its page), with a way to start one by
 * hand for staff who manage assets (`canStart`).
 */
export function OpenWorkflows({ subject, canStart }: { subject: WorkflowSubject; canStart: boolean }) {
  const trpc = useTRPC();
  const [starting, setStarting] = useState(false);
  const filter = subject.type === "asset" ? { assetId: subject.id } : { employeeId: subject.id };
  const list = useQuery(trpc.workflows.list.queryOptions({ ...filter, limit: RECENT }));
  const open = list.data?.items.filter((workflow) => openWorkflowStatuses.includes(workflow.status));
  const allHref = `/workflows?${subject.type}=${subject.id}`;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Open workflows</CardTitle>
        {canStart ? (
          <Button type="button" size="sm" variant="outline" onClick={() => setStarting(true)}>
            Start workflow
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        {list.isError ? (
          <p role="alert" className="text-destructive">
            {list.error.message}
          </p>
        ) : !open ? (
          <Skeleton className="h-16" role="status" aria-label="Loading workflows" />
        ) : open.length === 0 ? (
          <p className="text-muted-foreground">No open workflows about {subject.name}.</p>
        ) : (
          <ul aria-label={`Open workflows about ${subject.name}`} className="grid gap-2">
            {open.map((workflow) => (
              <li key={workflow.id} className="grid gap-1">
                <span className="flex flex-wrap items-center gap-2">
                  <Link href={`/workflows/${workflow.id}`} className={`font-medium ${linkClass}`}>
                    {workflow.title}
                  </Link>
                  <WorkflowStatusBadge status={workflow.status} />
                </span>
                <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  {workflowKindLabels[workflow.kind]} · {workflow.stepsDone} of {workflow.stepsTotal} steps ·
                  <DueDate dueAt={workflow.dueAt} overdue={workflow.overdue} lead="due" />
                </span>
              </li>
            ))}
          </ul>
        )}
        {list.data && list.data.total > 0 ? (
          <Link href={allHref} className={`w-fit text-muted-foreground ${linkClass}`}>
            All workflows about {subject.name}
          </Link>
        ) : null}
      </CardContent>
      {starting ? <StartWorkflowDialog subject={subject} onClose={() => setStarting(false)} /> : null}
    </Card>
  );
}
