import type { TenantRole } from "@/server/roles";
import { roleLabels } from "@/server/roles";
import type { StepStatus, WorkflowKind, WorkflowStatus } from "@/server/workflows/schemas";

/** Workflow kinds, statuses and step outcomes as people read them, in one place for every page. */

export const workflowKindLabels: Record<WorkflowKind, string> = {
  onboarding: "Onboarding",
  offboarding: "Offboarding",
  repair: "Repair",
  incident: "Lost or stolen",
  procurement: "Procurement",
  maintenance: "Maintenance",
  equipment_return: "Equipment return",
  emergency_replacement: "Emergency replacement",
  incoming_hardware: "Incoming hardware",
  transfer_verification: "Transfer verification",
  access_review: "Access review",
};

export const workflowStatusLabels: Record<WorkflowStatus, string> = {
  pending: "Not started",
  in_progress: "In progress",
  blocked: "Blocked",
  completed: "Completed",
  cancelled: "Cancelled",
};

export const stepStatusLabels: Record<StepStatus, string> = {
  pending: "To do",
  completed: "Done",
  skipped: "Skipped",
  approved: "Approved",
  rejected: "Rejected",
};

const outcomeLabels: Record<string, string> = {
  found: "Found",
  confirmed_lost: "Confirmed lost",
};

/** "confirmed_lost" -> "Confirmed lost"; an outcome a template adds later reads as its words. */
export const outcomeLabel = (outcome: string): string =>
  outcomeLabels[outcome] ?? outcome.charAt(0).toUpperCase() + outcome.slice(1).replaceAll("_", " ");

/** Statuses in which a workflow still waits for someone. */
export const openWorkflowStatuses: readonly WorkflowStatus[] = ["pending", "in_progress", "blocked"];

type Assignee = { type: "user"; name: string } | { type: "role"; role: TenantRole };

/** "Jane Doe" or "any IT staff". */
export const assigneeLabel = (assignee: Assignee): string =>
  assignee.type === "user" ? assignee.name : `any ${roleLabels[assignee.role]}`;
