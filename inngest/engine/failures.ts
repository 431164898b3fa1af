import { randomUUID } from "node:crypto";
import type { Trx } from "@/server/db";
import type { EngineFunction } from "./functions";
import { resolveInvocations } from "./invocations";
import type { SerializedError } from "./invoke";
import { enqueueRunRequests, functionsTriggeredBy, type TriggerEvent } from "./runs";

/** The system event Inngest sends when a run finally fails; `onFailure` handlers are triggered by it. */
export const FUNCTION_FAILED = "inngest/function.failed";

/** A run that has just been marked failed, in the transaction that marked it. */
export type FailedRun = { id: string; tenantId: string; functionId: string; triggerEvent: unknown };

/**
 * What follows a run's final failure, in the transaction that records it, whatever failed it
 * (its function threw, its calls kept failing, its worker was lost with no attempts left, an
 * unsupported step): the `inngest/function.failed` event starts the function's `onFailure`
 * handler (which the SDK registers as a function triggered by it with a match on function_id)
 * and any other function listening for failures, with the failed event and error as Inngest
 * sends them; a run that was invoked hands its error to the step waiting for it. A failing
 * failure handler starts nothing more, as with Inngest.
 */
export async function afterRunFailed(
  trx: Trx,
  run: FailedRun,
  error: SerializedError,
  functions: readonly EngineFunction[],
): Promise<void> {
  await resolveInvocations(trx, [run.id]);
  if ((run.triggerEvent as { name?: string } | null)?.name === FUNCTION_FAILED) return;
  const event: TriggerEvent = {
    id: randomUUID(),
    name: FUNCTION_FAILED,
    data: {
      function_id: run.functionId,
      run_id: run.id,
      error: { name: error.name ?? "Error", message: error.message ?? "", ...error },
      event: run.triggerEvent,
    },
    ts: Date.now(),
  };
  const handlers = functionsTriggeredBy(functions, event);
  if (handlers.length === 0) return;
  await enqueueRunRequests(
    trx,
    handlers.map((fn) => ({ fn, event, tenantId: run.tenantId })),
  );
}
