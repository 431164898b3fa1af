"use client";

import Link from "next/link";
import { useState } from "react";
import type { FileOwner } from "@/app/_components/file-types";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { roleLabels } from "@/server/roles";
import type { WorkflowDetail, WorkflowStep } from "@/server/workflows/schemas";
import { StepInstructions } from "../step-instructions";
import { assigneeLabel, openWorkflowStatuses, outcomeLabel, workflowKindLabels } from "../workflow-labels";
import { DueDate, StepStatusBadge } from "../workflow-status-badge";
import { ReassignStepDialog } from "./manage-dialogs";
import { ApproveStepDialog, CompleteStepDialog, RejectStepDialog, SkipStepDialog } from "./step-dialogs";

type Action = "complete" | "skip" | "approve" | "reject" | "reassign";

/** A step still waits for someone while it is to do, or rejected (until approved or skipped). */
const isOpen = (step: WorkflowStep) => step.status === "pending" || step.status === "rejected";

/** Waiting on another workflow that has not completed yet: it cannot be completed or approved. */
const isWaiting = (step: WorkflowStep) => Boolean(step.waitsFor && !step.waitsFor.unblockedByWorkflowId);

/**
 * The actions offered on a step: an approval is approved or rejected, any other step completed;
 * a step waiting on another workflow only rejected, reassigned or skipped.
 */
function actionsFor(step: WorkflowStep, canManage: boolean): Action[] {
  if (!isOpen(step)) return [];
  const own: Action[] = !step.canAct
    ? []
    : step.needsApproval
      ? step.status === "rejected"
        ? ["approve"]
        : ["approve", "reject"]
      : ["complete"];
  const allowed = isWaiting(step) ? own.filter((action) => action === "reject") : own;
  return canManage ? [...allowed, "reassign", "skip"] : allowed;
}

const actionLabels: Record<Action, string> = {
  complete: "Complete",
  skip: "Skip",
  approve: "Approve",
  reject: "Reject",
  reassign: "Reassign",
};

/** Who did it and when, once a step is no longer open. */
function doneLine(step: WorkflowStep) {
  if (isOpen(step) || !step.completedAt) return null;
  return (
    <span>
      by {step.completedBy?.name ?? "automation"} · <DateTime value={step.completedAt} />
    </span>
  );
}

/**
 * The workflow's steps in order, each with its status, assignee, due date and the actions the
 * viewer may take on it now (the server says which through `canAct`); every action opens a dialog,
 * so it is reachable and cancellable from the keyboard.
 */
export function StepChecklist({ workflow, canManage }: { workflow: WorkflowDetail; canManage: boolean }) {
  const [open, setOpen] = useState<{ step: WorkflowStep; action: Action } | null>(null);
  const running = openWorkflowStatuses.includes(workflow.status);
  const evidenceOwner: FileOwner | null = workflow.asset
    ? { type: "asset", id: workflow.asset.id }
    : workflow.employee
      ? { type: "employee", id: workflow.employee.id }
      : null;
  const close = () => setOpen(null);

  return (
    <>
      <ol aria-label="Steps" className="grid gap-3">
        {workflow.steps.map((step) => {
          const actions = running ? actionsFor(step, canManage) : [];
          return (
            <li
              key={step.id}
              aria-label={`Step ${step.position}: ${step.title}`}
              className="grid gap-2 rounded-md border p-3 text-sm"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">
                  {step.position}. {step.title}
                </span>
                <StepStatusBadge status={step.status} />
                {step.asset ? (
                  <Link
                    href={`/assets/${step.asset.id}`}
                    className="rounded-sm font-mono text-xs underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    {step.asset.tag}
                  </Link>
                ) : null}
                {step.license ? (
                  <Link
                    href={`/licenses/${step.license.id}`}
                    className="rounded-sm text-xs underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                  >
                    Licence: {step.license.name}
                  </Link>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground">
                <span>Assigned to {assigneeLabel(step.assignee)}</span>
                {step.needsApproval ? <span>Needs approval by {roleLabels[step.needsApproval]}</span> : null}
                {step.needsEvidence ? <span>Needs evidence</span> : null}
                {isOpen(step) ? (
                  <DueDate dueAt={step.dueAt} overdue={step.overdue} lead="Due" />
                ) : (
                  doneLine(step)
                )}
              </div>
              {step.assigneeNote ? (
                <p className="text-xs text-muted-foreground">{step.assigneeNote}</p>
              ) : null}
              {step.waitsFor && isOpen(step) ? (
                <p role={isWaiting(step) ? "status" : undefined}>
                  {isWaiting(step) ? (
                    <>
                      <span className="font-medium">Waiting:</span> can be done once a{" "}
                      {workflowKindLabels[step.waitsFor.kind].toLowerCase()} workflow for{" "}
                      {workflow.employee?.name ?? "the same employee"} is completed
                      {canManage ? " (or skip it if that was settled another way)" : ""}.
                    </>
                  ) : (
                    <>
                      <span className="font-medium">Ready:</span>{" "}
                      <Link
                        href={`/workflows/${step.waitsFor.unblockedByWorkflowId}`}
                        className="underline-offset-4 hover:underline"
                      >
                        the {workflowKindLabels[step.waitsFor.kind].toLowerCase()} it waited on
                      </Link>{" "}
                      is completed.
                    </>
                  )}
                </p>
              ) : null}
              {step.startsWorkflow && isOpen(step) ? (
                <p className="text-xs text-muted-foreground">
                  Completing it starts a {workflowKindLabels[step.startsWorkflow].toLowerCase()} workflow.
                </p>
              ) : null}
              {step.instructions ? <StepInstructions source={step.instructions} /> : null}
              {step.reason ? (
                <p>
                  <span className="font-medium">
                    {step.status === "rejected"
                      ? "Why rejected"
                      : step.status === "skipped"
                        ? "Why skipped"
                        : "Notes"}
                    :
                  </span>{" "}
                  {step.reason}
                </p>
              ) : null}
              {step.status === "completed" && workflow.outcome && step.outcomes ? (
                <p>
                  <span className="font-medium">Outcome:</span> {outcomeLabel(workflow.outcome)}
                </p>
              ) : null}
              {actions.length > 0 ? (
                <div className="flex flex-wrap gap-2">
                  {actions.map((action) => (
                    <Button
                      key={action}
                      type="button"
                      size="sm"
                      variant={action === "complete" || action === "approve" ? "default" : "outline"}
                      onClick={() => setOpen({ step, action })}
                    >
                      {actionLabels[action]}
                      <span className="sr-only"> "{step.title}"</span>
                    </Button>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {open?.action === "complete" ? (
        <CompleteStepDialog step={open.step} evidenceOwner={evidenceOwner} onClose={close} />
      ) : null}
      {open?.action === "skip" ? <SkipStepDialog step={open.step} onClose={close} /> : null}
      {open?.action === "approve" ? <ApproveStepDialog step={open.step} onClose={close} /> : null}
      {open?.action === "reject" ? <RejectStepDialog step={open.step} onClose={close} /> : null}
      {open?.action === "reassign" ? <ReassignStepDialog step={open.step} onClose={close} /> : null}
    </>
  );
}
