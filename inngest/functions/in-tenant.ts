import type { Cause, InTenant } from "@/server/context";
import { systemScope } from "@/server/context";
import { getDb, withTenant } from "@/server/db";
import type { EventEnvelope } from "@/server/events/envelope";

/** The function run handling an event: the function's full id and name, and the run's id. */
export type FunctionRun = { functionId: string; functionName: string; runId: string };

/** How the audit log names a function acting on its own: "Automation: Import assets from CSV". */
export const automationLabel = (functionName: string) => `Automation: ${functionName}`;

/**
 * Why a function acts: the event it handles, that event's root (an event written before causation
 * was recorded is its own root), and the run. Every event the function's work emits records it.
 */
export function causeOf(event: EventEnvelope, run: FunctionRun): Cause {
  return {
    eventId: event.id,
    correlationId: event.correlationId ?? event.id,
    functionId: run.functionId,
    runId: run.runId,
  };
}

/**
 * Opens, per call, one RLS transaction of the event's tenant with the function as a system actor
 * and the event as the cause, and hands `work` that tenant scope: a function calls the same
 * services as the UI, which record the automation as actor and the event (and through it, the
 * person) as the reason.
 */
export function inTenant(event: EventEnvelope, run: FunctionRun): InTenant {
  const options = {
    label: automationLabel(run.functionName),
    cause: causeOf(event, run),
    requestId: run.runId,
  };
  return async (work) =>
    withTenant(await getDb(), event.tenantId, (trx) => work(systemScope(trx, event.tenantId, options)));
}
