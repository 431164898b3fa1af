import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import type { StepStatus, WorkflowStatus } from "@/server/workflows/schemas";
import { stepStatusLabels, workflowStatusLabels } from "./workflow-labels";

const workflowVariants = {
  pending: "outline",
  in_progress: "default",
  blocked: "destructive",
  completed: "success",
  cancelled: "secondary",
} as const satisfies Record<WorkflowStatus, string>;

const stepVariants = {
  pending: "outline",
  completed: "success",
  skipped: "secondary",
  approved: "success",
  rejected: "destructive",
} as const satisfies Record<StepStatus, string>;

export function WorkflowStatusBadge({ status }: { status: WorkflowStatus }) {
  return <Badge variant={workflowVariants[status]}>{workflowStatusLabels[status]}</Badge>;
}

export function StepStatusBadge({ status }: { status: StepStatus }) {
  return <Badge variant={stepVariants[status]}>{stepStatusLabels[status]}</Badge>;
}

/**
 * A due date, and "Overdue" in words beside it when it has passed (the color only repeats it).
 * `lead` ("due") goes before the date where no column header says what the date is.
 */
export function DueDate({ dueAt, overdue, lead }: { dueAt: Date | null; overdue: boolean; lead?: string }) {
  if (!dueAt) return <span className="text-muted-foreground">No due date</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-1 gap-y-2">
      {lead ? <span>{lead}</span> : null}
      <DateTime value={dueAt} date />
      {overdue ? (
        <Badge variant="warning" className="ml-1">
          Overdue
        </Badge>
      ) : null}
    </span>
  );
}
