import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type Actor, type EventData, type EventName, eventCatalog } from "@/inngest/events";
import type { Trx } from "../db";
import { AppError } from "../errors";
import { eventHash, GENESIS_HASH } from "./hash";

/** The PostgreSQL notification channel that tells the automation engine new events were committed. */
export const EVENTS_CHANNEL = "assetronics_events";

export type EmitInput<N extends EventName> = {
  tenantId: string;
  name: N;
  actor: Actor;
  entityId: string;
  data: EventData<N>;
};

/**
 * Appends an event in the caller's transaction (transactional outbox): rolled back, it never
 * existed; committed, it is durable and queued for delivery. Locking the tenant's chain head orders
 * the tenant's events and extends the hash chain. The delivery row also notifies EVENTS_CHANNEL:
 * PostgreSQL delivers a notification only when (and if) the transaction commits, and folds the
 * transaction's identical ones into one, so the engine wakes once per commit instead of polling.
 */
export async function emit<N extends EventName>(
  trx: Trx,
  input: EmitInput<N>,
): Promise<{ id: string; seq: number }> {
  const definition = eventCatalog[input.name];
  const parsed = definition.data.safeParse(input.data);
  if (!parsed.success) {
    throw new AppError("INTERNAL", `Event ${input.name} does not match its schema: ${parsed.error.message}`);
  }

  const head = await lockChainHead(trx, input.tenantId);
  const id = randomUUID();
  const seq = head.seq + 1;
  const occurredAt = new Date().toISOString();
  const hash = eventHash(head.hash, {
    tenantId: input.tenantId,
    seq,
    name: input.name,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    entityType: definition.entity,
    entityId: input.entityId,
    data: parsed.data,
    occurredAt,
  });

  // The event, the chain head and the delivery in one statement (one round trip): each emit() is
  // two statements, which is what services pay per change.
  await sql`
    with event as (
      insert into events (id, tenant_id, seq, name, actor_type, actor_id, actor_label, entity_type,
                          entity_id, data, occurred_at, prev_hash, hash)
      values (${id}, ${input.tenantId}, ${seq}, ${input.name}, ${input.actor.type}, ${input.actor.id},
              ${input.actor.label}, ${definition.entity}, ${input.entityId}, ${JSON.stringify(parsed.data)},
              ${occurredAt}, ${head.hash}, ${hash})
      returning id, tenant_id
    ), head as (
      update event_chain_heads set seq = ${seq}, hash = ${hash} where tenant_id = ${input.tenantId}
    ), delivery as (
      insert into event_deliveries (event_id, tenant_id) select id, tenant_id from event
    )
    select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
  return { id, seq };
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

/** Rows per multi-row insert: 1,000 events x 13 columns stays far below PostgreSQL's 65,535 parameters. */
const EMIT_CHUNK = 1000;

/**
 * Appends many events of one tenant in the caller's transaction, in order, as emit() would one by
 * one (same rows, same hash chain, one notification) but with the chain head locked once and the
 * events and their deliveries inserted in multi-row statements: bulk operations (CSV import,
 * closing an audit) emit thousands of events at the cost of a few round trips.
 */
export async function emitMany(
  trx: Trx,
  inputs: ReadonlyArray<EmitInput<EventName>>,
): Promise<Array<{ id: string; seq: number }>> {
  const first = inputs[0];
  if (!first) return [];
  const tenantId = first.tenantId;
  if (inputs.some((input) => input.tenantId !== tenantId)) {
    throw new AppError("INTERNAL", "emitMany takes the events of one tenant");
  }
  const parsed = inputs.map((input) => {
    const definition = eventCatalog[input.name];
    const result = definition.data.safeParse(input.data);
    if (!result.success) {
      throw new AppError(
        "INTERNAL",
        `Event ${input.name} does not match its schema: ${result.error.message}`,
      );
    }
    return { input, entityType: definition.entity, data: result.data };
  });

  const head = await lockChainHead(trx, tenantId);

  const occurredAt = new Date().toISOString();
  let seq = head.seq;
  let prevHash = head.hash;
  const rows = parsed.map(({ input, entityType, data }) => {
    seq += 1;
    const hash = eventHash(prevHash, {
      tenantId,
      seq,
      name: input.name,
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      entityType,
      entityId: input.entityId,
      data,
      occurredAt,
    });
    const row = {
      id: randomUUID(),
      tenant_id: tenantId,
      seq,
      name: input.name,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      actor_label: input.actor.label,
      entity_type: entityType,
      entity_id: input.entityId,
      data: JSON.stringify(data),
      occurred_at: occurredAt,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });

  for (let start = 0; start < rows.length; start += EMIT_CHUNK) {
    const chunk = rows.slice(start, start + EMIT_CHUNK);
    await trx.insertInto("events").values(chunk).execute();
    await trx
      .insertInto("event_deliveries")
      .values(chunk.map((row) => ({ event_id: row.id, tenant_id: tenantId })))
      .execute();
  }
  await trx
    .updateTable("event_chain_heads")
    .set({ seq, hash: prevHash })
    .where("tenant_id", "=", tenantId)
    .execute();
  await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
  return rows.map((row) => ({ id: row.id, seq: row.seq }));
}
