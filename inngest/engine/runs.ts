import { PLATFORM_TENANT_ID } from "@/server/context";
import type { Trx } from "@/server/db";
import { evaluateCondition } from "./expressions";
import { enqueueGated, gatedAtEnqueue, type RunRow, runColumns } from "./flow-control";
import type { EngineFunction } from "./functions";

/** An event as Inngest delivers it to a function (`event` in the call body). */
export type TriggerEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every app event carries its tenant as `data.tenantId` (see toInngestEvent). */
export function tenantOfEvent(event: TriggerEvent): string {
  const tenantId = event.data.tenantId;
  return typeof tenantId === "string" && uuidPattern.test(tenantId)
    ? tenantId.toLowerCase()
    : PLATFORM_TENANT_ID;
}

/**
 * The functions an event starts, as Inngest matches triggers: the exact name or a `prefix.*`
 * wildcard, and the trigger's `if` condition (CEL over `event`) when it has one.
 */
export function functionsTriggeredBy(
  functions: readonly EngineFunction[],
  event: TriggerEvent,
): EngineFunction[] {
  return functions.filter((fn) =>
    fn.triggers.some(
      (trigger) =>
        (trigger.prefix === null ? trigger.event === event.name : event.name.startsWith(trigger.prefix)) &&
        (trigger.condition === null || evaluateCondition(trigger.condition, { event })),
    ),
  );
}

/** One run to queue: a function and the event that triggers it, in the event's tenant. */
export type RunRequest = { fn: EngineFunction; event: TriggerEvent; tenantId: string };

/** Rows per insert statement: far below PostgreSQL's 65,535 bind parameters at 11 per row. */
const INSERT_CHUNK = 1_000;

async function insertRuns(trx: Trx, rows: readonly RunRow[]): Promise<number> {
  let created = 0;
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const inserted = await trx
      .insertInto("automation_runs")
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(["function_id", "trigger_event_id"]).doNothing())
      .returning("id")
      .execute();
    created += inserted.length;
  }
  return created;
}

/**
 * Queues runs in as few statements as possible. Idempotent: the unique (function_id,
 * trigger_event_id) key makes a second delivery of the same event a no-op. Functions whose flow
 * control decides at enqueue time (rateLimit, idempotency, singleton, debounce, batchEvents) go
 * through flow-control.ts one event at a time, in order; the rest are one multi-row insert.
 * Returns how many runs were created (skipped runs included).
 */
export async function enqueueRunRequests(trx: Trx, requests: readonly RunRequest[]): Promise<number> {
  const plain = requests.filter((request) => !gatedAtEnqueue(request.fn.flow));
  const gated = requests.filter((request) => gatedAtEnqueue(request.fn.flow));
  let created = await insertRuns(trx, plain.map(runColumns));
  if (gated.length > 0) created += await enqueueGated(trx, gated);
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
