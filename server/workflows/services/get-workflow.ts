import type { UserScope } from "../../context";
import { mayActOn } from "../access";
import { isWorkflowOpen } from "../lifecycle";
import { getWorkflowRow, stepsOf, workflowTimeline } from "../queries";
import type { WorkflowDetail } from "../schemas";

/** A workflow's page: its fields, its steps with what the viewer may do, and its timeline. */
export async function getWorkflow(scope: UserScope, workflowId: string): Promise<WorkflowDetail> {
  const workflow = await getWorkflowRow(scope.db, scope.tenantId, workflowId);
  const [steps, timeline] = await Promise.all([
    stepsOf(scope.db, scope.tenantId, workflowId),
    workflowTimeline(scope.db, scope.tenantId, workflowId),
  ]);
  const open = isWorkflowOpen(workflow.status);
  return {
    ...workflow,
    steps: steps.map((step) => ({
      ...step,
      canAct:
        open &&
        mayActOn(scope.user, {
          title: step.title,
          status: step.status,
          assigneeUserId: step.assignee.type === "user" ? step.assignee.userId : null,
          assigneeRole: step.assignee.type === "role" ? step.assignee.role : null,
          needsApproval: step.needsApproval,
        }),
    })),
    timeline,
  };
}
