import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { type Db, withPlatform } from "@/server/db";
import { wakeEnginesOnCommit } from "@/server/events/wake";
import type { EngineFunction } from "./functions";
import { enqueueRunRequests, functionsTriggeredBy, type TriggerEvent, tenantOfEvent } from "./runs";
import { matchWaitingRuns } from "./waits";

export type EventIntakeOptions = {
  db: Db;
  eventKey: string;
  functions: readonly EngineFunction[];
  /** Called after runs were queued (wakes the engine). */
  onEnqueued?: () => void;
};

const answer = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An event without an id gets one derived from the SDK's `x-inngest-event-id-seed` header (the
 * same on every retry of one send), so a resend after a lost answer starts nothing twice.
 */
function eventId(seed: string | null, index: number): string {
  if (!seed) return randomUUID();
  const hex = createHash("sha256").update(`${seed}:${index}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function parseEvents(body: unknown, seed: string | null): TriggerEvent[] | null {
  const items = Array.isArray(body) ? body : [body];
  const events: TriggerEvent[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== "object") return null;
    const { id, name, data, ts } = item as Record<string, unknown>;
    if (typeof name !== "string" || name.length === 0) return null;
    if (data !== undefined && (data === null || typeof data !== "object" || Array.isArray(data))) return null;
    events.push({
      id: typeof id === "string" && id.length > 0 ? id : eventId(seed, index),
      name,
      data: (data ?? {}) as Record<string, unknown>,
      ts: typeof ts === "number" ? ts : Date.now(),
    });
  }
  return events;
}

/**
 * The engine's event API, answering like Inngest's (`POST /e/<event key>` -> `{ ids, status }`):
 * what `inngest.send` and `step.sendEvent` reach in embedded mode. Each event queues a run of
 * every function it triggers, in one transaction; the tenant is the event's `data.tenantId`.
 */
export async function receiveEvents(
  request: Request,
  key: string,
  options: EventIntakeOptions,
): Promise<Response> {
  if (!sameKey(key, options.eventKey)) return answer(401, { error: "Event key not found", status: 401 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return answer(400, { error: "Cannot process event payload", status: 400 });
  }
  const events = parseEvents(body, request.headers.get("x-inngest-event-id-seed"));
  if (!events) return answer(400, { error: "Each event needs a name and an object as data", status: 400 });

  const requests = events.flatMap((event) =>
    functionsTriggeredBy(options.functions, event).map((fn) => ({
      fn,
      event,
      tenantId: tenantOfEvent(event),
    })),
  );
  const started = await withPlatform(options.db, async (trx) => {
    const queued = await enqueueRunRequests(trx, requests);
    const woken = queued + (await matchWaitingRuns(trx, events, options.functions));
    // Every replica's engine, not only this one's: whichever claims first runs them.
    if (woken > 0) await wakeEnginesOnCommit(trx);
    return woken;
  });
  if (started > 0) options.onEnqueued?.();
  return answer(200, { ids: events.map((event) => event.id), status: 200 });
}
