import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type Actor, type EventData, type EventName, eventCatalog } from "@/inngest/events";
import type { Cause } from "../context";
import type { Trx } from "../db";
import { AppError } from "../errors";
import { eventHash, GENESIS_HASH, hashedFieldsOf } from "./hash";
import { wakeEnginesOnCommit } from "./wake";

export { EVENTS_CHANNEL } from "./wake";

/** Who emits, in which tenant's transaction, and why (the tenant scope, or a narrower one). */
export type EventScope = {
  db: Trx;
  tenantId: string;
  actor: Actor;
  cause?: Cause | null;
};

/**
 * One event: its catalog name, the entity it is about and its catalog-checked data. `occurredAt`
 * is for recording history that happened before (the demo's seeded past), written in date order
 * so the chain's seq follows time; a change made now leaves it out.
 */
export type EventInput<N extends EventName> = {
  name: N;
  entityId: string;
  data: EventData<N>;
  occurredAt?: Date;
};

type Emitted = { id: string; seq: number };

function parseData<N extends EventName>(name: N, data: EventData<N>) {
  const definition = eventCatalog[name];
  const parsed = definition.data.safeParse(data);
  if (!parsed.success) {
    throw new AppError("INTERNAL", `Event ${name} does not match its schema: ${parsed.error.message}`);
  }
  return { entityType: definition.entity, data: parsed.data };
}

/**
 * The row of one event after `prev`: its causation from the scope (a root event is its own
 * correlation), hashed through hashedFieldsOf, the mapping the chain verification uses too.
 */
function eventRow(
  scope: EventScope,
  event: EventInput<EventName>,
  prev: { seq: number; hash: string },
  occurredAt: string,
) {
  const { entityType, data } = parseData(event.name, event.data);
  const id = randomUUID();
  const cause = scope.cause ?? null;
  const fields = {
    id,
    tenant_id: scope.tenantId,
    seq: prev.seq + 1,
    name: event.name,
    actor_type: scope.actor.type,
    actor_id: scope.actor.id,
    actor_label: scope.actor.label,
    entity_type: entityType,
    entity_id: event.entityId,
    data,
    occurred_at: event.occurredAt?.toISOString() ?? occurredAt,
    caused_by: cause?.eventId ?? null,
    correlation_id: cause?.correlationId ?? id,
    cause_function_id: cause?.functionId ?? null,
    cause_run_id: cause?.runId ?? null,
    prev_hash: prev.hash,
  };
  return { ...fields, data: JSON.stringify(data), hash: eventHash(prev.hash, hashedFieldsOf(fields)) };
}

/**
 * Appends an event in the scope's transaction (transactional outbox): rolled back, it never
 * existed; committed, it is durable and queued for delivery. Locking the tenant's chain head orders
 * the tenant's events and extends the hash chain. Once the transaction commits (never if it rolls
 * back) the engines are woken on EVENTS_CHANNEL (server/events/wake.ts), so a run starts at once
 * instead of at the next poll. A scope with a cause (automation handling an event) records it;
 * otherwise the event is a root.
 */
export async function emit<N extends EventName>(scope: EventScope, event: EventInput<N>): Promise<Emitted> {
  const trx = scope.db;
  const head = await lockChainHead(trx, scope.tenantId);
  const row = eventRow(scope, event, head, new Date().toISOString());

  // The event, the chain head and the delivery in one statement (one round trip): each emit() is
  // two statements, which is what services pay per change.
  await sql`
    with event as (
      insert into events (id, tenant_id, seq, name, actor_type, actor_id, actor_label, entity_type,
                          entity_id, data, occurred_at, caused_by, correlation_id, cause_function_id,
                          cause_run_id, prev_hash, hash)
      values (${row.id}, ${row.tenant_id}, ${row.seq}, ${row.name}, ${row.actor_type}, ${row.actor_id},
              ${row.actor_label}, ${row.entity_type}, ${row.entity_id}, ${row.data}, ${row.occurred_at},
              ${row.caused_by}, ${row.correlation_id}, ${row.cause_function_id}, ${row.cause_run_id},
              ${row.prev_hash}, ${row.hash})
      returning id, tenant_id
    ), head as (
      update event_chain_heads set seq = ${row.seq}, hash = ${row.hash} where tenant_id = ${row.tenant_id}
    )
    insert into event_deliveries (event_id, tenant_id) select id, tenant_id from event`.execute(trx);
  await wakeEnginesOnCommit(trx);
  return { id: row.id, seq: row.seq };
}

/**
 * Locks the tenant's chain head, creating it on the tenant's first event, and reads it: one
 * statement. `on conflict do update` locks the existing row as `select ... for update` would, so
 * concurrent emitters of one tenant queue here and extend the chain one after the other.
 */
async function lockChainHead(trx: Trx, tenantId: string): Promise<{ seq: number; hash: string }> {
  return trx
    .insertInto("event_chain_heads")
    .values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ seq: sql`event_chain_heads.seq` }))
    .returning(["seq", "hash"])
    .executeTakeFirstOrThrow();
}

/** Rows per multi-row insert: 1,000 events x 17 columns stays far below PostgreSQL's 65,535 parameters. */
const EMIT_CHUNK = 1000;

/**
 * Appends many events of one tenant in the scope's transaction, in order, as emit() would one by
 * one (same rows, same hash chain, one notification) but with the chain head locked once and the
 * events and their deliveries inserted in multi-row statements: bulk operations (CSV import,
 * closing an audit) emit thousands of events at the cost of a few round trips.
 */
export async function emitMany(
  scope: EventScope,
  events: ReadonlyArray<EventInput<EventName>>,
): Promise<Emitted[]> {
  if (events.length === 0) return [];
  const trx = scope.db;
  // Every event is checked before anything is written.
  for (const event of events) parseData(event.name, event.data);

  const head = await lockChainHead(trx, scope.tenantId);
  const occurredAt = new Date().toISOString();
  let prev = head;
  const rows = events.map((event) => {
    const row = eventRow(scope, event, prev, occurredAt);
    prev = { seq: row.seq, hash: row.hash };
    return row;
  });

  for (let start = 0; start < rows.length; start += EMIT_CHUNK) {
    const chunk = rows.slice(start, start + EMIT_CHUNK);
    await trx.insertInto("events").values(chunk).execute();
    await trx
      .insertInto("event_deliveries")
      .values(chunk.map((row) => ({ event_id: row.id, tenant_id: scope.tenantId })))
      .execute();
  }
  await trx
    .updateTable("event_chain_heads")
    .set({ seq: prev.seq, hash: prev.hash })
    .where("tenant_id", "=", scope.tenantId)
    .execute();
  await wakeEnginesOnCommit(trx);
  return rows.map((row) => ({ id: row.id, seq: row.seq }));
}
