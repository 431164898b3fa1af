import { describe, expect, it } from "vitest";
import { isBackground } from "@/db/pglite-priority";
import { RATE } from "./http";
import { DevicePresence } from "./presence";
import type { PresenceWrite } from "./queries";

const SLOT_MS = RATE.perSeconds * 1000;
const seen = (id: string, user = "alice") => ({ id, ip: "10.0.0.5", user });

/** A buffer on a clock the test moves, whose writes are kept per tenant (or fail while `failing`). */
function buffer() {
  let now = Date.parse("2026-12-06T08:00:00Z");
  const written: Array<{ tenantId: string; writes: PresenceWrite[] }> = [];
  const state = { failing: false, during: () => {} };
  const presence = new DevicePresence(
    async (tenantId, writes) => {
      state.during();
      if (state.failing) throw new Error("the database is away");
      written.push({ tenantId, writes });
    },
    () => now,
  );
  return { presence, written, state, advance: (ms: number) => (now += ms), now: () => now };
}

const retryAfterOf = (work: () => void): number | undefined => {
  try {
    work();
  } catch (error) {
    return (error as { extra?: { retryAfter?: number } }).extra?.retryAfter;
  }
  return undefined;
};

describe("DevicePresence", () => {
  it("gives a burst, then a slot per period, saying when the next one comes", () => {
    const { presence, advance } = buffer();
    for (let i = 0; i < RATE.burst; i++) presence.see("t1", null, seen("d1"));
    expect(retryAfterOf(() => presence.see("t1", null, seen("d1")))).toBe(RATE.perSeconds);
    advance(SLOT_MS / 3);
    expect(retryAfterOf(() => presence.see("t1", null, seen("d1")))).toBe(
      Math.ceil((RATE.perSeconds * 2) / 3),
    );
    advance((SLOT_MS * 2) / 3);
    expect(retryAfterOf(() => presence.see("t1", null, seen("d1")))).toBeUndefined();
    // the other devices have buckets of their own
    expect(retryAfterOf(() => presence.see("t1", null, seen("d2")))).toBeUndefined();
  });

  it("starts from the stored bucket, unless it took a slot since", () => {
    const { presence, now } = buffer();
    const empty = { tokens: 0.5, at: now() };
    expect(retryAfterOf(() => presence.see("t1", empty, seen("d1")))).toBe(RATE.perSeconds / 2);
    presence.see("t1", { tokens: 1, at: now() - 1 }, seen("d2"));
    // the same lookup read again: this process's own slot is newer and is what is left
    expect(retryAfterOf(() => presence.see("t1", { tokens: 1, at: now() - 1 }, seen("d2")))).toBe(
      RATE.perSeconds,
    );
  });

  it("writes one row per device, its newest, in one write per tenant", async () => {
    const { presence, written, advance } = buffer();
    presence.see("t1", null, seen("d1", "alice"));
    advance(1000);
    presence.see("t1", null, seen("d1", "bob"));
    presence.see("t1", null, seen("d2"));
    presence.see("t2", null, seen("d3"));
    await presence.flush();
    expect(written.map((w) => [w.tenantId, w.writes.map((row) => `${row.id}:${row.user}`)])).toEqual([
      ["t1", ["d1:bob", "d2:alice"]],
      ["t2", ["d3:alice"]],
    ]);
    await presence.flush();
    expect(written).toHaveLength(2); // nothing left to write
  });

  it("keeps a failed write for the next flush, unless the device checked in again meanwhile", async () => {
    const { presence, written, state, advance } = buffer();
    presence.see("t1", null, seen("d1", "alice"));
    presence.see("t1", null, seen("d2", "bob"));
    state.failing = true;
    // a check-in arriving while the write is at the database is newer than the failed one
    state.during = () => {
      state.during = () => {};
      advance(1000);
      presence.see("t1", null, seen("d1", "carol"));
    };
    await expect(presence.flush()).rejects.toThrow("the database is away");
    state.failing = false;
    await presence.flush();
    expect(written.flatMap((w) => w.writes.map((row) => `${row.id}:${row.user}`)).sort()).toEqual([
      "d1:carol",
      "d2:bob",
    ]);
  });

  it("writes a timed flush as background work, not as the check-in that started its timer", async () => {
    const { presence, state, written } = buffer();
    const contexts: boolean[] = [];
    state.during = () => contexts.push(isBackground());
    presence.see("t1", null, seen("d1"));
    expect(isBackground()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(written).toHaveLength(1);
    expect(contexts).toEqual([true]);
  });
});
