import { AppError } from "../errors";
import type { StepStatus, WorkflowStatus } from "./schemas";

const doneStatuses: readonly StepStatus[] = ["completed", "skipped", "approved"];
export const isStepDone = (status: StepStatus) => doneStatuses.includes(status);
export const isWorkflowOpen = (status: WorkflowStatus) => status !== "completed" && status !== "cancelled";

/**
 * A workflow's status follows from its steps: blocked while any step is rejected, completed when
 * every step is done, pending until the first step is acted on, in progress in between.
 */
export function workflowStatusOf(steps: readonly StepStatus[]): Exclude<WorkflowStatus, "cancelled"> {
  if (steps.includes("rejected")) return "blocked";
  if (steps.every(isStepDone)) return "completed";
  if (steps.every((status) => status === "pending")) return "pending";
  return "in_progress";
}

type StepState = {
  title: string;
  status: StepStatus;
  needsApproval: string | null;
  workflowStatus: WorkflowStatus;
};

/** The workflow can still change: neither completed nor cancelled. */
export function assertWorkflowOpen(workflow: { title: string; status: WorkflowStatus }) {
  if (!isWorkflowOpen(workflow.status)) {
    throw new AppError(
      "INVALID_TRANSITION",
      `"${workflow.title}" is ${workflow.status}; its steps can no longer change.`,
    );
  }
}

/** Complete: an open step that is not an approval (those are approved or rejected). */
export function assertCanComplete(step: StepState) {
  assertWorkflowOpen({ title: "This workflow", status: step.workflowStatus });
  if (step.needsApproval) {
    throw new AppError(
      "INVALID_TRANSITION",
      `"${step.title}" needs an approval: approve or reject it instead.`,
    );
  }
  if (step.status !== "pending") {
    throw new AppError("INVALID_TRANSITION", `"${step.title}" is already ${step.status}.`);
  }
}

/** Approve or reject: an approval step still waiting, or rejected and being reconsidered. */
export function assertCanDecide(step: StepState, decision: "approved" | "rejected") {
  assertWorkflowOpen({ title: "This workflow", status: step.workflowStatus });
  if (!step.needsApproval) {
    throw new AppError("INVALID_TRANSITION", `"${step.title}" needs no approval: complete it instead.`);
  }
  const open = step.status === "pending" || (step.status === "rejected" && decision === "approved");
  if (!open) throw new AppError("INVALID_TRANSITION", `"${step.title}" is already ${step.status}.`);
}

/** Skip or reassign: any step not done yet (a rejected step may be skipped to unblock). */
export function assertStepOpen(step: StepState) {
  assertWorkflowOpen({ title: "This workflow", status: step.workflowStatus });
  if (isStepDone(step.status)) {
    throw new AppError("INVALID_TRANSITION", `"${step.title}" is already ${step.status}.`);
  }
}

/**
 * A step waiting on another workflow (the hand-over on the laptop's procurement) is blocked until
 * that workflow's completion unblocks it; the message says what it waits for and the way out.
 */
export function assertNotWaiting(step: {
  title: string;
  waitsForKind: string | null;
  unblockedByWorkflowId: string | null;
}) {
  if (!step.waitsForKind || step.unblockedByWorkflowId) return;
  const kind = step.waitsForKind.replaceAll("_", " ");
  throw new AppError(
    "INVALID_TRANSITION",
    `"${step.title}" waits on a ${kind} workflow for the same employee: it can be done once that ${kind} is completed (or skip the step if it was settled another way).`,
  );
}
