import type { TenantScope } from "../../../context";
import { startAutomatedWorkflow } from "../../../workflows/services/start-automated-workflow";

/**
 * An approved request becomes the tenant's procurement workflow for the employee, started once
 * per approval event (the workflows' trigger-event key), and the request records it so the
 * employee and IT staff can follow it. A withdrawn or re-decided request is left alone.
 */
export async function startRequestProcurement(
  scope: TenantScope,
  input: { requestId: string; employeeId: string; triggerEventId: string },
) {
  const workflow = await startAutomatedWorkflow(scope, {
    kind: "procurement",
    employeeId: input.employeeId,
    triggerEventId: input.triggerEventId,
  });
  await scope.db
    .updateTable("equipment_requests")
    .set({ workflow_id: workflow.id })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.requestId)
    .where("status", "=", "approved")
    .execute();
  return workflow;
}
