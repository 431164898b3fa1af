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

  await trx
    .insertInto("event_chain_heads")
    .values({ tenant_id: input.tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  const head = await trx
    .selectFrom("event_chain_heads")
    .select(["seq", "hash"])
    .where("tenant_id", "=", input.tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();

  const seq = head.seq + 1;
  const occurredAt = new Date().toISOString();
  const fields = {
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
  };
  const hash = eventHash(head.hash, fields);

  const row = await trx
    .insertInto("events")
    .values({
      tenant_id: input.tenantId,
      seq,
      name: input.name,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      actor_label: input.actor.label,
      entity_type: definition.entity,
      entity_id: input.entityId,
      data: JSON.stringify(parsed.data),
      occurred_at: occurredAt,
      prev_hash: head.hash,
      hash,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .updateTable("event_chain_heads")
    .set({ seq, hash })
    .where("tenant_id", "=", input.tenantId)
    .execute();
  await trx
    .insertInto("event_deliveries")
    .values({ event_id: row.id, tenant_id: input.tenantId })
    // In the same statement, so waking the engine costs no extra round trip.
    .returning(sql<string>`pg_notify(${EVENTS_CHANNEL}, '')`.as("notified"))
    .execute();
  return { id: row.id, seq };
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

  await trx
    .insertInto("event_chain_heads")
    .values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
  const head = await trx
    .selectFrom("event_chain_heads")
    .select(["seq", "hash"])
    .where("tenant_id", "=", tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();

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
