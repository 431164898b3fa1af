import { z } from "zod";
import { type Actor, actorSchema, type EventData, type EventName, eventCatalog } from "@/inngest/events";
import type { HashedEventColumn, StoredEvent } from "./hash";

/**
 * An events row as the relay and the engine read it: its id and the hashed columns
 * (server/events/hash.ts) but the function run that caused it, which the envelope does not carry.
 */
export type EventRow = Pick<
  StoredEvent,
  "id" | Exclude<HashedEventColumn, "cause_function_id" | "cause_run_id">
>;

/**
 * The shape every event has when it leaves the outbox. `causedBy` is the event whose handling
 * emitted it (null for a root); `correlationId` the root of its chain (null only on events written
 * before causation was recorded: such an event is its own root).
 */
export type EventEnvelope<N extends EventName = EventName> = {
  id: string;
  name: N;
  tenantId: string;
  seq: number;
  actor: Actor;
  entity: { type: string; id: string };
  data: EventData<N>;
  occurredAt: string;
  causedBy: string | null;
  correlationId: string | null;
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
    causedBy: row.caused_by,
    correlationId: row.correlation_id,
  };
}

/**
 * The event as Inngest sees it. `id` is the event row id, so Inngest de-duplicates a resend;
 * `data` carries the whole envelope (tenant, actor, entity, causation, payload) so functions need
 * no lookup.
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

/** What a function receives: an Inngest event whose `data` is an envelope (toInngestEvent). */
export type ReceivedEvent = { id?: string; name: string; data: unknown };

const envelopeFields = {
  tenantId: z.uuid(),
  seq: z.number(),
  actor: actorSchema,
  entity: z.object({ type: z.string(), id: z.string() }),
  occurredAt: z.string(),
  // Events relayed before causation was recorded carry neither field.
  causedBy: z.string().nullable().default(null),
  correlationId: z.string().nullable().default(null),
};

/**
 * Each event's envelope schema, built once: building the zod object on every call of every
 * function was 1.6% of bench/workflows' CPU profile.
 */
const envelopeSchemas = new Map<EventName, z.ZodType>();

function envelopeSchema(name: EventName): z.ZodType {
  let schema = envelopeSchemas.get(name);
  if (!schema) {
    schema = z.object({ ...envelopeFields, data: eventCatalog[name].data });
    envelopeSchemas.set(name, schema);
  }
  return schema;
}

/**
 * The envelope of a received `name` event, its `data` checked against the catalog schema: a
 * function reads typed fields, and an event that does not match (a renamed field, a payload from
 * elsewhere) fails here, with the field named, instead of deep in a service.
 */
export function eventOf<N extends EventName>(name: N, event: ReceivedEvent): EventEnvelope<N> {
  if (event.name !== name) throw new Error(`Expected the ${name} event, got ${event.name}`);
  const envelope = envelopeSchema(name).parse(event.data) as Omit<EventEnvelope<N>, "id" | "name">;
  if (!event.id) throw new Error(`The ${name} event has no id`);
  return { id: event.id, name, ...envelope };
}
