import { sql } from "kysely";
import type { TenantScope } from "../context";
import { emit } from "../events/emit";
import { workflowStatusOf } from "./lifecycle";
import type { lockWorkflow } from "./queries";
import { stepStatusesOf } from "./queries";

type LockedWorkflow = Awaited<ReturnType<typeof lockWorkflow>>;

/**
 * After a step changed: the workflow's status follows its steps (server/workflows/lifecycle.ts),
 * and when the last step is done it completes, with its `workflow.completed` event, which is what
 * automation feeds back into assets and people. Returns the new status.
 */
export async function settleWorkflow(scope: TenantScope, workflow: LockedWorkflow) {
  const status = workflowStatusOf(await stepStatusesOf(scope.db, scope.tenantId, workflow.id));
  if (status === workflow.status) return status;
  const completed = status === "completed";
  await scope.db
    .updateTable("workflows")
    .set({ status, updated_at: sql`now()`, ...(completed ? { completed_at: sql`now()` } : {}) })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", workflow.id)
    .execute();
  if (completed) {
    await emit(scope, {
      name: "workflow.completed",
      entityId: workflow.id,
      data: {
        kind: workflow.kind,
        outcome: workflow.outcome,
        employeeId: workflow.employee_id,
        assetId: workflow.asset_id,
      },
    });
  }
  return status;
}
