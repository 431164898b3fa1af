import { retryRun } from "@/inngest/engine/retry-run";
import type { TenantContext } from "../../context";
import { emit } from "../../events/emit";

/** An admin re-queues a failed run; the retry is part of the audit trail. */
export async function retryAutomationRun(ctx: TenantContext, input: { runId: string }) {
  const run = await retryRun(ctx.db, ctx.tenantId, input.runId);
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "automation.run_retried",
    actor: ctx.actor,
    entityId: run.id,
    data: { functionId: run.functionId, triggerEventName: run.triggerEventName },
  });
  return run;
}
