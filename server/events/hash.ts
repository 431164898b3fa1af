import { createHash } from "node:crypto";

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
};

/** hash(n) = sha256(hash(n-1) || canonical(event n)): editing, inserting or deleting a row breaks it. */
export function eventHash(prevHash: string, fields: HashedEventFields): string {
  return createHash("sha256").update(prevHash).update(canonicalJson(fields)).digest("hex");
}
