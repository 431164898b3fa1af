"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabels } from "@/server/roles";
import { workflowKindLabels } from "./workflow-labels";
import { DueDate, StepStatusBadge } from "./workflow-status-badge";

/**
 * The open steps assigned to the viewer or their role, soonest due first; each opens its workflow.
 * Not a suspense query: the sidebar's count holds the same query, so the page's prefetch only
 * reaches it after hydration and a suspense query would fetch on the server without a base URL.
 */
export function MyTasks() {
  const trpc = useTRPC();
  const query = useQuery(trpc.workflows.myTasks.queryOptions());
  const tasks = query.data;
  if (query.isError) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {query.error.message}
      </p>
    );
  }
  if (!tasks) return <Skeleton className="h-24" role="status" aria-label="Loading my tasks" />;
  if (tasks.length === 0) {
    return (
      <EmptyState
        icon={<CircleCheck aria-hidden />}
        title="Nothing waits for you"
        description="Steps assigned to you or your role appear here as workflows reach them."
      />
    );
  }
  return (
    <Table stickyFirstColumn aria-label="My tasks">
      <TableHeader>
        <TableRow>
          <TableHead>Step</TableHead>
          <TableHead>Workflow</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Due</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tasks.map((task) => (
          <TableRow key={task.stepId}>
            <TableCell className="whitespace-normal font-medium">
              {task.title}
              {task.needsApproval ? (
                <span className="block text-xs font-normal text-muted-foreground">
                  Approval as {roleLabels[task.needsApproval]}
                </span>
              ) : null}
            </TableCell>
            <TableCell className="whitespace-normal">
              <Link
                href={`/workflows/${task.workflowId}`}
                className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                {task.workflowTitle}
              </Link>
              <span className="block text-xs text-muted-foreground">{workflowKindLabels[task.kind]}</span>
            </TableCell>
            <TableCell>
              <StepStatusBadge status={task.status} />
            </TableCell>
            <TableCell>
              <DueDate dueAt={task.dueAt} overdue={task.overdue} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
