"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { type WorkflowKind, type WorkflowStatus, workflowKinds } from "@/server/workflows/schemas";
import { workflowKindLabels, workflowStatusLabels } from "../workflow-labels";
import { DueDate } from "../workflow-status-badge";
import { boardColumnInput, boardStatuses } from "./board-columns";

function Column({ status, kind }: { status: WorkflowStatus; kind: WorkflowKind | undefined }) {
  const trpc = useTRPC();
  const { data, isPending, error } = useQuery(
    trpc.workflows.list.queryOptions(boardColumnInput(status, kind)),
  );
  const label = workflowStatusLabels[status];
  const headingId = `board-${status}`;
  return (
    <section
      aria-labelledby={headingId}
      className="grid content-start gap-2 rounded-md border bg-muted/40 p-3"
    >
      <h2 id={headingId} className="flex items-center justify-between text-sm font-semibold">
        {label}
        <span className="font-normal text-muted-foreground">{data ? data.total : ""}</span>
      </h2>
      {isPending ? (
        <Skeleton className="h-16" />
      ) : error ? (
        <p className="text-sm text-destructive">This column could not be loaded.</p>
      ) : data.items.length === 0 ? (
        <p className="text-sm text-muted-foreground">None.</p>
      ) : (
        <ul aria-label={`${label} workflows`} className="grid gap-2">
          {data.items.map((workflow) => (
            <li key={workflow.id} className="grid gap-1 rounded-md border bg-background p-2 text-sm">
              <Link
                href={`/workflows/${workflow.id}`}
                className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                {workflow.title}
              </Link>
              <span className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
                <span>{workflowKindLabels[workflow.kind]}</span>
                <span>
                  {workflow.stepsDone}/{workflow.stepsTotal} steps
                </span>
                {status !== "completed" ? (
                  <DueDate dueAt={workflow.dueAt} overdue={workflow.overdue} />
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.items.length ? (
        <Link
          href={`/workflows?status=${status}${kind ? `&kind=${kind}` : ""}`}
          className="text-xs underline-offset-4 hover:underline"
        >
          All {data.total} {label.toLowerCase()}
        </Link>
      ) : null}
    </section>
  );
}

/** Workflows in columns by status, newest first in each, narrowed by kind. */
export function WorkflowBoard({ kind }: { kind: WorkflowKind | undefined }) {
  const router = useRouter();
  const pathname = usePathname();
  return (
    <div className="grid gap-4">
      <div className="grid max-w-xs gap-1">
        <label htmlFor="board-kind" className="text-sm font-medium">
          Kind
        </label>
        <ChoiceSelect
          id="board-kind"
          value={kind ?? ""}
          empty="Any kind"
          onChange={(value) => router.push(value ? `${pathname}?kind=${value}` : pathname)}
          choices={workflowKinds.map((value) => ({ value, label: workflowKindLabels[value] }))}
        />
      </div>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {boardStatuses.map((status) => (
          <Column key={status} status={status} kind={kind} />
        ))}
      </div>
    </div>
  );
}
