import type { Trx } from "@/server/db";
import { concurrencyKeyFor, type EngineFunction } from "./functions";

/** The tenant of runs that belong to none (cron runs, events without a tenant). */
export const NIL_TENANT = "00000000-0000-0000-0000-000000000000";

/** An event as Inngest delivers it to a function (`event` in the call body). */
export type TriggerEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every app event carries its tenant as `data.tenantId` (see toInngestEvent). */
export function tenantOfEvent(event: TriggerEvent): string {
  const tenantId = event.data.tenantId;
  return typeof tenantId === "string" && uuidPattern.test(tenantId) ? tenantId.toLowerCase() : NIL_TENANT;
}

export function functionsTriggeredBy(
  functions: readonly EngineFunction[],
  eventName: string,
): EngineFunction[] {
  return functions.filter((fn) => fn.unsupported.length === 0 && fn.events.includes(eventName));
}

/** One run to queue: a function and the event that triggers it, in the event's tenant. */
export type RunRequest = { fn: EngineFunction; event: TriggerEvent; tenantId: string };

/** Rows per insert statement: far below PostgreSQL's 65,535 bind parameters at 7 per row. */
const INSERT_CHUNK = 1_000;

/**
 * Queues runs in as few statements as possible. Idempotent: the unique (function_id,
 * trigger_event_id) key makes a second delivery of the same event a no-op. Returns how many runs
 * were created.
 */
export async function enqueueRunRequests(trx: Trx, requests: readonly RunRequest[]): Promise<number> {
  let created = 0;
  for (let start = 0; start < requests.length; start += INSERT_CHUNK) {
    const inserted = await trx
      .insertInto("automation_runs")
      .values(
        requests.slice(start, start + INSERT_CHUNK).map(({ fn, event, tenantId }) => ({
          tenant_id: tenantId,
          function_id: fn.id,
          trigger_event_id: event.id,
          trigger_event_name: event.name,
          trigger_event: JSON.stringify(event),
          max_attempts: fn.maxAttempts,
          concurrency_key: concurrencyKeyFor(fn, event),
        })),
      )
      .onConflict((oc) => oc.columns(["function_id", "trigger_event_id"]).doNothing())
      .returning("id")
      .execute();
    created += inserted.length;
  }
  return created;
}

/** Queues one run per function the event triggers (see enqueueRunRequests). */
export function enqueueRuns(
  trx: Trx,
  triggered: readonly EngineFunction[],
  event: TriggerEvent,
  tenantId: string,
): Promise<number> {
  return enqueueRunRequests(
    trx,
    triggered.map((fn) => ({ fn, event, tenantId })),
  );
}
