import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, GENESIS_HASH } from "./hash";

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
