import type { Actor, EventEnvelope, EventName } from "@/inngest/events";

/** An events row as stored (see db/migrations/0001-foundation.ts). */
export type EventRow = {
  id: string;
  tenant_id: string;
  seq: number;
  name: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  entity_type: string;
  entity_id: string;
  data: unknown;
  occurred_at: Date;
};

export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    id: row.id,
    name: row.name as EventName,
    tenantId: row.tenant_id,
    seq: row.seq,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label ?? "" } as Actor,
    entity: { type: row.entity_type, id: row.entity_id },
    data: row.data as EventEnvelope["data"],
    occurredAt: row.occurred_at.toISOString(),
  };
}

/**
 * The event as Inngest sees it. `id` is the event row id, so Inngest de-duplicates a resend;
 * `data` carries the whole envelope (tenant, actor, entity, payload) so functions need no lookup.
 */
export type InngestEventPayload = {
  id: string;
  name: string;
  data: Omit<EventEnvelope, "id" | "name">;
  ts: number;
};

export function toInngestEvent(row: EventRow): InngestEventPayload {
  const { id, name, ...data } = toEnvelope(row);
  return { id, name, data, ts: row.occurred_at.getTime() };
}
