import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  type HashedEventRow,
  hashedEventColumns,
  hashedFieldsOf,
} from "./hash";

const event = {
  tenantId: "t",
  seq: 1,
  name: "user.created",
  actorType: "user",
  actorId: "u",
  actorLabel: "U",
  entityType: "user",
  entityId: "e",
  data: { b: 1, a: [{ d: 2, c: 3 }] },
  occurredAt: "2026-11-24T10:00:00.000Z",
};

describe("event hash chain", () => {
  it("serializes keys in a stable order at every depth", () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("hashes the same event the same way regardless of key order", () => {
    const reordered = { ...event, data: { a: [{ c: 3, d: 2 }], b: 1 } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, event));
  });

  it("changes when any field or the previous hash changes", () => {
    const base = eventHash(GENESIS_HASH, event);
    expect(eventHash(GENESIS_HASH, { ...event, data: { ...event.data, b: 2 } })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, actorId: "someone-else" })).not.toBe(base);
    expect(eventHash("f".repeat(64), event)).not.toBe(base);
  });
});

describe("the hashed columns", () => {
  const row: HashedEventRow = {
    tenant_id: "00000000-0000-4000-8000-000000000001",
    seq: 7,
    name: "asset.assigned",
    actor_type: "system",
    actor_id: "u-1",
    actor_label: "Automation: Start onboarding",
    entity_type: "asset",
    entity_id: "a-1",
    data: { employeeId: "e-1" },
    occurred_at: new Date("2026-11-24T10:00:00.000Z"),
    caused_by: "ev-1",
    correlation_id: "ev-0",
    cause_function_id: "assetronics-start-onboarding",
    cause_run_id: "run-1",
  };
  /** Another value of the same type for the column. */
  const other = (value: unknown): unknown =>
    value instanceof Date
      ? new Date(value.getTime() + 1000)
      : typeof value === "number"
        ? value + 1
        : typeof value === "string"
          ? `${value}-edited`
          : { edited: true };

  it("lists every field of the row the hash covers, and the mapping reads each of them", () => {
    expect([...hashedEventColumns].sort()).toEqual(Object.keys(row).sort());
    const base = eventHash(GENESIS_HASH, hashedFieldsOf(row));
    for (const column of hashedEventColumns) {
      const edited = { ...row, [column]: other(row[column]) };
      expect(eventHash(GENESIS_HASH, hashedFieldsOf(edited)), column).not.toBe(base);
    }
  });
});
