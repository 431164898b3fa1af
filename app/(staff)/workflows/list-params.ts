import { z } from "zod";
import {
  type WorkflowKind,
  type WorkflowStatus,
  workflowKinds,
  workflowStatuses,
} from "@/server/workflows/schemas";

/**
 * The workflow list's view in the URL:
 * `/workflows?kind=incident&status=blocked&assignee=<user id>&overdue=1&sla=breached&employee=<id>&asset=<id>&page=2`.
 */
export type WorkflowListView = {
  kind?: WorkflowKind;
  status?: WorkflowStatus;
  assigneeUserId?: string;
  overdue: boolean;
  /** Past the due date (still open, or completed late). */
  slaBreached: boolean;
  employeeId?: string;
  assetId?: string;
  page: number;
};
export const WORKFLOW_PAGE_SIZE = 50;

const uuidParam = (value: string | null) => (value && z.uuid().safeParse(value).success ? value : undefined);

export function workflowViewFromParams(params: URLSearchParams): WorkflowListView {
  const page = Number.parseInt(params.get("page") ?? "", 10);
  return {
    kind: workflowKinds.find((kind) => kind === params.get("kind")),
    status: workflowStatuses.find((status) => status === params.get("status")),
    assigneeUserId: uuidParam(params.get("assignee")),
    overdue: params.get("overdue") === "1",
    slaBreached: params.get("sla") === "breached",
    employeeId: uuidParam(params.get("employee")),
    assetId: uuidParam(params.get("asset")),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

export function paramsFromWorkflowView(view: WorkflowListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.kind) params.set("kind", view.kind);
  if (view.status) params.set("status", view.status);
  if (view.assigneeUserId) params.set("assignee", view.assigneeUserId);
  if (view.overdue) params.set("overdue", "1");
  if (view.slaBreached) params.set("sla", "breached");
  if (view.employeeId) params.set("employee", view.employeeId);
  if (view.assetId) params.set("asset", view.assetId);
  if (view.page > 1) params.set("page", String(view.page));
  return params;
}

/** Whether anything narrows the list (the empty state then says "no workflow matches"). */
export const isFiltered = (view: WorkflowListView) =>
  Boolean(
    view.kind ||
      view.status ||
      view.assigneeUserId ||
      view.overdue ||
      view.slaBreached ||
      view.employeeId ||
      view.assetId,
  );

export const workflowListInput = (view: WorkflowListView) => ({
  kind: view.kind,
  status: view.status,
  assigneeUserId: view.assigneeUserId,
  overdue: view.overdue || undefined,
  slaBreached: view.slaBreached || undefined,
  employeeId: view.employeeId,
  assetId: view.assetId,
  limit: WORKFLOW_PAGE_SIZE,
  offset: (view.page - 1) * WORKFLOW_PAGE_SIZE,
});
