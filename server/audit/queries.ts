import { sql } from "kysely";
import type { Executor } from "../db";
import { hashedEventColumns, type StoredEvent } from "../events/hash";
import { dayRange } from "./day-range";
import {
  AUDIT_PAGE_SIZE,
  type AuditEventItem,
  type AuditFacets,
  type AuditFilters,
  type AuditPage,
  type CauseEvent,
} from "./schemas";

/** What the audit log reads of an event: every column the hash covers, its id and its hash. */
export const eventColumns = ["id", "hash", ...hashedEventColumns] as const;

export type EventListRow = Pick<StoredEvent, (typeof eventColumns)[number]>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function toItem(row: EventListRow): AuditEventItem {
  return {
    id: row.id,
    seq: row.seq,
    name: row.name,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    entity: { type: row.entity_type, id: row.entity_id },
    data: isRecord(row.data) ? row.data : { value: row.data },
    occurredAt: row.occurred_at,
    hash: row.hash,
    correlationId: row.correlation_id ?? row.id,
    causedBy: row.caused_by
      ? { eventId: row.caused_by, functionId: row.cause_function_id, runId: row.cause_run_id }
      : null,
  };
}

export type ListAuditEventsParams = AuditFilters & {
  cursor?: number | null;
  limit?: number;
  /**
   * The records a named record filter resolved to (server/audit/subjects.ts): events about any of
   * them. An empty list matches nothing; absent, `entityType` / `entityId` apply as given.
   */
  entities?: ReadonlyArray<{ type: string; id: string }>;
};

/** One index walk of the merged page: one event type, or the records of one kind. */
type PageSlice = { name?: string; names?: string[]; entityType?: string; entityIds?: string[] };

/** The walks a page is merged from, each a short range of one index leading with tenant_id. */
function slicesOf(params: ListAuditEventsParams): PageSlice[] {
  const names = [...new Set(params.names ?? [])];
  if (params.entities) {
    // A record's history is short: its events are read by record, the types filtered within it.
    const idsByType = new Map<string, string[]>();
    for (const { type, id } of params.entities) idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
    return [...idsByType].map(([entityType, entityIds]) => ({
      entityType,
      entityIds,
      names: names.length > 0 ? names : undefined,
    }));
  }
  const entity = {
    entityType: params.entityType,
    entityIds: params.entityId ? [params.entityId] : undefined,
  };
  // One short index range per event type, merged here: `name in (...)` would read every match
  // of every type and sort them to find the newest few.
  return names.length === 0 ? [entity] : names.map((name) => ({ ...entity, name }));
}

/**
 * One page of a tenant's audit log, newest first, continuing after the event whose seq is
 * `cursor`. Each filter walks its own index, all leading with tenant_id: entity ->
 * events_entity_idx, event type -> events_name_idx, actor -> events_actor_idx, each ending in
 * seq desc, so the page is read in order. With a date range the order is (occurred_at, seq) and
 * the walk is events_occurred_idx: ordered by seq instead, the planner scans back from the newest
 * event until it reaches the range, which for a range a year back means most of the log.
 * Events never change, so keyset paging shows each one exactly once while people keep working.
 */
export async function listAuditEvents(
  db: Executor,
  tenantId: string,
  params: ListAuditEventsParams,
): Promise<AuditPage> {
  const limit = params.limit ?? AUDIT_PAGE_SIZE;
  const { start, end } = dayRange(params, params.timeZone ?? "UTC");
  const byTime = Boolean(start || end);

  let after: { seq: number; occurredAt: Date } | undefined;
  if (params.cursor) {
    const row = await db
      .selectFrom("events")
      .select(["seq", "occurred_at"])
      .where("tenant_id", "=", tenantId)
      .where("seq", "=", params.cursor)
      .executeTakeFirst();
    if (!row) return { items: [], nextCursor: null };
    after = { seq: row.seq, occurredAt: row.occurred_at };
  }

  const pageOf = (slice: PageSlice) => {
    let query = db.selectFrom("events").select(eventColumns).where("tenant_id", "=", tenantId);
    if (slice.entityType) query = query.where("entity_type", "=", slice.entityType);
    if (slice.entityIds) query = query.where("entity_id", "in", slice.entityIds);
    if (params.actorId) query = query.where("actor_id", "=", params.actorId);
    if (slice.name) query = query.where("name", "=", slice.name);
    if (slice.names) query = query.where("name", "in", slice.names);
    if (start) query = query.where("occurred_at", ">=", start);
    if (end) query = query.where("occurred_at", "<", end);
    if (after && byTime) {
      const { occurredAt, seq } = after;
      query = query
        .where("occurred_at", "<=", occurredAt)
        .where((eb) => eb.or([eb("occurred_at", "<", occurredAt), eb("seq", "<", seq)]));
    } else if (after) {
      query = query.where("seq", "<", after.seq);
    }
    const ordered = byTime
      ? query.orderBy("occurred_at", "desc").orderBy("seq", "desc")
      : query.orderBy("seq", "desc");
    return ordered.limit(limit + 1);
  };

  const slices = slicesOf(params);
  const rows: EventListRow[] = [];
  for (const slice of slices) rows.push(...(await pageOf(slice).execute()));
  if (slices.length > 1) {
    rows.sort((a, b) =>
      byTime && a.occurred_at.getTime() !== b.occurred_at.getTime()
        ? b.occurred_at.getTime() - a.occurred_at.getTime()
        : b.seq - a.seq,
    );
  }

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: rows.length > limit && last ? last.seq : null };
}

/** The latest events about one record (asset, employee, workflow...), newest first. */
export async function listEntityTimeline(
  db: Executor,
  tenantId: string,
  entityType: string,
  entityId: string,
  limit: number,
): Promise<AuditEventItem[]> {
  const rows = await db
    .selectFrom("events")
    .select(eventColumns)
    .where("tenant_id", "=", tenantId)
    .where("entity_type", "=", entityType)
    .where("entity_id", "=", entityId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  return rows.map(toItem);
}

/** The events that caused others, by id: one indexed lookup for a whole page of entries. */
export async function causeEvents(
  db: Executor,
  tenantId: string,
  eventIds: readonly string[],
): Promise<Map<string, CauseEvent>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("events")
    .select([
      "id",
      "name",
      "actor_type",
      "actor_id",
      "actor_label",
      "entity_type",
      "entity_id",
      "occurred_at",
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", [...new Set(eventIds)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
        entity: { type: row.entity_type, id: row.entity_id },
        occurredAt: row.occurred_at,
      },
    ]),
  );
}

/** The root of the chain an event belongs to (itself for a root or an event from before causation). */
export async function chainRootOf(db: Executor, tenantId: string, eventId: string): Promise<string | null> {
  const row = await db
    .selectFrom("events")
    .select(["id", "correlation_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", eventId)
    .executeTakeFirst();
  return row ? (row.correlation_id ?? row.id) : null;
}

/**
 * A chain's first `limit` events, root first, in the order they were emitted, walking
 * events_correlation_idx. A cause is always emitted before its effects, so the first events of a
 * chain form a tree on their own: a cut chain loses leaves and branches, never a parent.
 */
export async function chainEvents(
  db: Executor,
  tenantId: string,
  rootId: string,
  limit: number,
): Promise<AuditEventItem[]> {
  const root = await db
    .selectFrom("events")
    .select(eventColumns)
    .where("tenant_id", "=", tenantId)
    .where("id", "=", rootId)
    .executeTakeFirst();
  if (!root) return [];
  // The root is its own correlation, or has none when written before causation was recorded.
  const rest = await db
    .selectFrom("events")
    .select(eventColumns)
    .where("tenant_id", "=", tenantId)
    .where("correlation_id", "=", rootId)
    .where("id", "<>", rootId)
    .orderBy("seq")
    .limit(limit - 1)
    .execute();
  return [root, ...rest].map(toItem);
}

/** How many events a chain holds, its root included (read only when a chain was cut). */
export async function chainEventCount(db: Executor, tenantId: string, rootId: string): Promise<number> {
  const row = await db
    .selectFrom("events")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("correlation_id", "=", rootId)
    .where("id", "<>", rootId)
    .executeTakeFirstOrThrow();
  return Number(row.count) + 1;
}

const FACET_LIMIT = 300;

/**
 * The event types, entity types and actors that occur in a tenant's log, for the filter menus.
 * Each list is a skip scan (a recursive query hopping from one distinct value to the next along
 * its index), so it costs one index probe per distinct value, not a pass over every event.
 */
export async function auditFacets(db: Executor, tenantId: string): Promise<AuditFacets> {
  const names = await sql<{ value: string }>`
    with recursive seen(value) as (
      (select name from events where tenant_id = ${tenantId} order by name limit 1)
      union all
      select (
        select e.name from events e
        where e.tenant_id = ${tenantId} and e.name > seen.value
        order by e.name limit 1
      )
      from seen where seen.value is not null
    )
    select value from seen where value is not null limit ${FACET_LIMIT}`.execute(db);

  const entityTypes = await sql<{ value: string }>`
    with recursive seen(value) as (
      (select entity_type from events where tenant_id = ${tenantId} order by entity_type limit 1)
      union all
      select (
        select e.entity_type from events e
        where e.tenant_id = ${tenantId} and e.entity_type > seen.value
        order by e.entity_type limit 1
      )
      from seen where seen.value is not null
    )
    select value from seen where value is not null limit ${FACET_LIMIT}`.execute(db);

  // Each actor with the type and label of their latest event (labels change when people rename).
  const actors = await sql<{ id: string; type: string; label: string | null }>`
    with recursive seen(id) as (
      (select actor_id from events where tenant_id = ${tenantId} and actor_id is not null order by actor_id limit 1)
      union all
      select (
        select e.actor_id from events e
        where e.tenant_id = ${tenantId} and e.actor_id > seen.id
        order by e.actor_id limit 1
      )
      from seen where seen.id is not null
    )
    select seen.id, latest.actor_type as type, latest.actor_label as label
    from seen
    cross join lateral (
      select actor_type, actor_label from events e
      where e.tenant_id = ${tenantId} and e.actor_id = seen.id
      order by e.seq desc limit 1
    ) latest
    where seen.id is not null
    limit ${FACET_LIMIT}`.execute(db);

  return {
    names: names.rows.map((row) => row.value),
    entityTypes: entityTypes.rows.map((row) => row.value),
    actors: actors.rows.sort((a, b) => (a.label ?? a.id).localeCompare(b.label ?? b.id)),
  };
}

/**
 * Platform use only (run inside withPlatform): every tenant id that has events, found by a skip
 * scan of the (tenant_id, seq) key, so a log whose tenant row or chain head is gone is still found.
 */
export async function tenantIdsWithEvents(db: Executor): Promise<string[]> {
  const result = await sql<{ value: string }>`
    with recursive seen(value) as (
      (select tenant_id from events order by tenant_id limit 1)
      union all
      select (select e.tenant_id from events e where e.tenant_id > seen.value order by e.tenant_id limit 1)
      from seen where seen.value is not null
    )
    select value from seen where value is not null`.execute(db);
  return result.rows.map((row) => row.value);
}
