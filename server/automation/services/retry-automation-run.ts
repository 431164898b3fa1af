import { retryRun } from "@/inngest/engine/retry-run";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";

/** An admin re-queues a failed run; the retry is part of the audit trail. */
export async function retryAutomationRun(scope: TenantScope, input: { runId: string }) {
  const run = await retryRun(scope.db, scope.tenantId, input.runId);
  await emit(scope, {
    name: "automation.run_retried",
    entityId: run.id,
    data: { functionId: run.functionId, triggerEventName: run.triggerEventName },
  });
  return run;
}
