import { createHash } from "node:crypto";
import type { Selectable } from "kysely";
import type { Events } from "@/db/types";

export const GENESIS_HASH = "0".repeat(64);

/** Canonical JSON: object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(",")}}`;
}

export type HashedEventFields = {
  tenantId: string;
  seq: number;
  name: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  entityType: string;
  entityId: string;
  data: unknown;
  occurredAt: string;
  /** Causation (migration 0010): absent on events written before it, so their hashes still hold. */
  causedBy?: string;
  correlationId?: string;
  causeFunctionId?: string;
  causeRunId?: string;
};

/** An events row as the database returns it: the one row type every reader of events builds on. */
export type StoredEvent = Selectable<Events>;

/**
 * The columns of an events row its hash covers, in the one list every reader of events builds
 * its select from: the chain verification reads exactly these (plus the links), the audit log and
 * the outbox pick theirs from it, so a column added to the hash is read wherever events are.
 * Every other column of the table is a link of the chain or the row's id (unhashedEventColumns).
 */
export const hashedEventColumns = [
  "tenant_id",
  "seq",
  "name",
  "actor_type",
  "actor_id",
  "actor_label",
  "entity_type",
  "entity_id",
  "data",
  "occurred_at",
  "caused_by",
  "correlation_id",
  "cause_function_id",
  "cause_run_id",
] as const satisfies ReadonlyArray<keyof StoredEvent>;
export type HashedEventColumn = (typeof hashedEventColumns)[number];

/** The columns of an events row outside its hash: its id and the chain links the hash makes. */
export const unhashedEventColumns = ["id", "prev_hash", "hash"] as const satisfies ReadonlyArray<
  keyof StoredEvent
>;

/** Causation (migration 0010): null on events written before it, left out of their hashes. */
type CausationColumn = "caused_by" | "correlation_id" | "cause_function_id" | "cause_run_id";

/**
 * An events row as far as the hash covers it: emit() hashes its row before the database dates it
 * (an ISO string) and serializes its data, and a row written before causation was recorded has none.
 */
export type HashedEventRow = Omit<
  Pick<StoredEvent, HashedEventColumn>,
  CausationColumn | "occurred_at" | "data"
> &
  Partial<Pick<StoredEvent, CausationColumn>> & {
    occurred_at: Date | string;
    data: unknown;
  };

/**
 * The one mapping from a row to the fields its hash covers: emit() hashes the row it is about to
 * write through it and the chain verification recomputes from the stored row through it.
 */
export function hashedFieldsOf(row: HashedEventRow): HashedEventFields {
  return {
    tenantId: row.tenant_id,
    seq: row.seq,
    name: row.name,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: row.data,
    occurredAt: typeof row.occurred_at === "string" ? row.occurred_at : row.occurred_at.toISOString(),
    causedBy: row.caused_by ?? undefined,
    correlationId: row.correlation_id ?? undefined,
    causeFunctionId: row.cause_function_id ?? undefined,
    causeRunId: row.cause_run_id ?? undefined,
  };
}

/** hash(n) = sha256(hash(n-1) || canonical(event n)): editing, inserting or deleting a row breaks it. */
export function eventHash(prevHash: string, fields: HashedEventFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
}
