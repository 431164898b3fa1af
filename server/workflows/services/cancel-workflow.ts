import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { assertWorkflowOpen } from "../lifecycle";
import { lockWorkflow } from "../queries";
import type { CancelWorkflowInput, StepActionResult } from "../schemas";

/** Cancels an open workflow with the reason why; its steps stay as they were, for the record. */
export async function cancelWorkflow(
  scope: TenantScope,
  input: CancelWorkflowInput,
): Promise<StepActionResult> {
  const workflow = await lockWorkflow(scope.db, scope.tenantId, input.id);
  assertWorkflowOpen(workflow);
  await scope.db
    .updateTable("workflows")
    .set({
      status: "cancelled",
      cancel_reason: input.reason,
      cancelled_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", workflow.id)
    .execute();
  await emit(scope, {
    name: "workflow.cancelled",
    entityId: workflow.id,
    data: { kind: workflow.kind, reason: input.reason },
  });
  return { workflowId: workflow.id, status: "cancelled" };
}
