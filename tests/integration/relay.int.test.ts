import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { type RelaySend, relayBacklog, relayOnce } from "@/server/events/relay";
import { callerFor } from "../factories/isolation";
import { createTestTenant } from "../factories/tenants";
import { type FakeInngest, startFakeInngest } from "../fakes/inngest/fake-inngest";
import { useTestDatabase } from "../support/database";

/** Event ids whose rows the envelope cannot be built from: toInngestEvent throws on them. */
const { unbuildable } = vi.hoisted(() => ({ unbuildable: new Set<string>() }));
vi.mock("@/server/events/envelope", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/events/envelope")>();
  return {
    ...original,
    toInngestEvent: (row: Parameters<typeof original.toInngestEvent>[0]) => {
      if (unbuildable.has(row.id)) throw new RangeError("Invalid time value");
      return original.toInngestEvent(row);
    },
  };
});

let handle: DatabaseHandle;
let db: Db;
let api: FakeInngest;
let inngest: Inngest;
const send = async (events: Parameters<Inngest["send"]>[0]) => {
  await inngest.send(events);
};

beforeAll(async () => {
  // Its own database: the relay drains every pending delivery, other files' included.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  api = await startFakeInngest({ eventKey: "relay-test-key", signingKey: "signkey-test-00ff" });
  // The real SDK, pointed at the stand-in as it would be at Inngest Cloud or a self-hosted server.
  inngest = new Inngest({ id: "assetronics", eventKey: "relay-test-key", baseUrl: api.url, isDev: false });
});
afterAll(async () => {
  await api.close();
  await handle.close();
});

// Deliver earlier tests' events first, so each test sees only its own.
beforeEach(async () => {
  while ((await relayOnce(db, send)).sent > 0) {}
});

it("delivers committed events with the row id as event id and the full envelope as data", async () => {
  const { tenant, admin } = await createTestTenant(db);
  await withTenant(db, tenant.id, (trx) =>
    emit(
      { db: trx, tenantId: tenant.id, actor: { type: "user", id: admin.id, label: "Ada" } },
      { name: "user.deactivated", entityId: admin.id, data: { email: admin.email } },
    ),
  );
  const before = api.received.length;
  const result = await relayOnce(db, send);
  expect(result.sent).toBe(3); // tenant.created and user.created from the factory, then ours

  const rows = await withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select(["id", "name", "seq"])
      .where("tenant_id", "=", tenant.id)
      .orderBy("seq")
      .execute(),
  );
  const arrived = api.received.slice(before);
  expect(arrived.map((event) => event.id)).toEqual(rows.map((row) => row.id));
  expect(arrived.map((event) => event.name)).toEqual(["tenant.created", "user.created", "user.deactivated"]);
  expect(arrived[2]?.data).toMatchObject({
    tenantId: tenant.id,
    seq: 3,
    actor: { type: "user", id: admin.id, label: "Ada" },
    entity: { type: "user", id: admin.id },
    data: { email: admin.email },
  });
  const statuses = await withPlatform(db, (trx) =>
    trx.selectFrom("event_deliveries").select("status").where("tenant_id", "=", tenant.id).execute(),
  );
  expect(statuses.every((row) => row.status === "delivered")).toBe(true);
});

it("a rolled-back change sends nothing", async () => {
  const { tenant } = await createTestTenant(db);
  await relayOnce(db, send);
  const before = api.received.length;
  await withTenant(db, tenant.id, async (trx) => {
    await emit(
      { db: trx, tenantId: tenant.id, actor: { type: "system", id: null, label: "t" } },
      { name: "settings.changed", entityId: tenant.id, data: { changes: {} } },
    );
    throw new Error("rolled back");
  }).catch(() => {});
  expect((await relayOnce(db, send)).sent).toBe(0);
  expect(api.received.length).toBe(before);
});

it("keeps events queued with the error and a backoff when Inngest refuses, then delivers them", async () => {
  const { tenant } = await createTestTenant(db);
  api.failNext(10); // more than the SDK's own retries
  const failed = await relayOnce(db, send);
  expect(failed).toEqual({ sent: 0, failed: 2, dead: 0 });

  const backlog = await withTenant(db, tenant.id, (trx) => relayBacklog(trx, tenant.id));
  expect(backlog).toMatchObject({ pending: 2, retrying: 2 });
  expect(backlog.lastError).toBeTruthy();
  const waiting = await withPlatform(db, (trx) =>
    trx
      .selectFrom("event_deliveries")
      .select(["next_attempt_at", "attempts"])
      .where("tenant_id", "=", tenant.id)
      .execute(),
  );
  expect(waiting.every((row) => row.next_attempt_at.getTime() > Date.now() && row.attempts === 1)).toBe(true);

  // Not yet due: nothing is sent. Once due, the batch goes through and the backlog empties.
  expect((await relayOnce(db, send)).sent).toBe(0);
  api.failNext(0);
  await withPlatform(db, (trx) =>
    trx
      .updateTable("event_deliveries")
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", tenant.id)
      .execute(),
  );
  expect((await relayOnce(db, send)).sent).toBe(2);
  expect(await withTenant(db, tenant.id, (trx) => relayBacklog(trx, tenant.id))).toMatchObject({
    pending: 0,
    retrying: 0,
  });
});

it("a batch sent twice (lease expired mid-send) is de-duplicated by event id", async () => {
  const { tenant } = await createTestTenant(db);
  const ids = (
    await withPlatform(db, (trx) =>
      trx.selectFrom("events").select("id").where("tenant_id", "=", tenant.id).execute(),
    )
  ).map((r) => r.id);
  // Simulate a relay that sent but died before marking the batch delivered: send it by hand first.
  const rows = await withPlatform(db, (trx) =>
    trx.selectFrom("events").selectAll().where("id", "in", ids).execute(),
  );
  const { toInngestEvent } = await import("@/server/events/envelope");
  await send(rows.map(toInngestEvent));
  await relayOnce(db, send);
  const copies = api.received.filter((event) => event.id && ids.includes(event.id));
  expect(copies).toHaveLength(4);
  expect(ids.every((id) => api.accepted.has(id))).toBe(true);
  expect([...api.accepted.keys()].filter((id) => ids.includes(id))).toHaveLength(2);
});

const settingsChanged = (tenantId: string, changes: Record<string, { before: unknown; after: unknown }>) =>
  withTenant(db, tenantId, (trx) =>
    emit(
      { db: trx, tenantId: tenantId, actor: { type: "system", id: null, label: "relay test" } },
      { name: "settings.changed", entityId: tenantId, data: { changes } },
    ),
  );

const deliveryOf = (eventId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("event_deliveries").selectAll().where("event_id", "=", eventId).executeTakeFirstOrThrow(),
  );

it("sets aside the one event Inngest refuses as a dead letter and delivers the rest of its batch", async () => {
  const { tenant, admin } = await createTestTenant(db);
  const before = await settingsChanged(tenant.id, { theme: { before: "light", after: "dark" } });
  // Over Inngest's per-event size limit: refused (413) however often it is sent.
  const poison = await settingsChanged(tenant.id, { notes: { before: "", after: "x".repeat(300_000) } });
  const after = await settingsChanged(tenant.id, { theme: { before: "dark", after: "light" } });

  expect(await relayOnce(db, send)).toEqual({ sent: 4, failed: 0, dead: 1 });
  expect(api.accepted.has(before.id) && api.accepted.has(after.id)).toBe(true);
  expect(api.accepted.has(poison.id)).toBe(false);
  expect(await deliveryOf(poison.id)).toMatchObject({ status: "dead", attempts: 1 });
  expect((await deliveryOf(poison.id)).last_error).toMatch(/413 Event payload too large/);
  // Set aside: later batches no longer carry it.
  expect((await relayOnce(db, send)).sent).toBe(0);

  // Settings -> Automation lists it for the admin, with Inngest's error, and Retry re-queues it.
  const caller = callerFor(admin);
  const [letter, ...others] = await caller.automation.deadLetters();
  expect(others).toEqual([]);
  expect(letter).toMatchObject({ eventId: poison.id, eventName: "settings.changed", attempts: 1 });
  expect(letter?.error).toMatch(/payload too large/);

  await caller.automation.retryDeadLetter({ eventId: poison.id });
  expect(await caller.automation.deadLetters()).toEqual([]);
  expect(await deliveryOf(poison.id)).toMatchObject({ status: "pending", attempts: 0, last_error: null });
  const retried = await withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select(["entity_id", "actor_id", "data"])
      .where("tenant_id", "=", tenant.id)
      .where("name", "=", "automation.delivery_retried")
      .executeTakeFirstOrThrow(),
  );
  expect(retried).toMatchObject({
    entity_id: poison.id,
    actor_id: admin.id,
    data: { eventName: "settings.changed" },
  });
  await expect(caller.automation.retryDeadLetter({ eventId: poison.id })).rejects.toThrow(
    /not among the dead letters/,
  );

  // Sent again on the next pass (still too large: refused, back in dead letters), beside the retry's own event.
  const requests = api.requests;
  expect(await relayOnce(db, send)).toEqual({ sent: 1, failed: 0, dead: 1 });
  expect(api.requests).toBeGreaterThan(requests);
  expect(await deliveryOf(poison.id)).toMatchObject({ status: "dead", attempts: 1 });
});

it("isolates the one event Inngest refuses as malformed (400) wherever it sits in the batch", async () => {
  const { tenant } = await createTestTenant(db);
  const good = await settingsChanged(tenant.id, {});
  const broken = await settingsChanged(tenant.id, {});
  const failing: RelaySend = async (events) => {
    if (events.some((event) => event.id === broken.id)) {
      throw new Error("Inngest API Error: 400 Cannot process event payload");
    }
    await send(events);
  };
  expect(await relayOnce(db, failing)).toEqual({ sent: 3, failed: 0, dead: 1 });
  expect(api.accepted.has(good.id)).toBe(true);
  expect(await deliveryOf(broken.id)).toMatchObject({ status: "dead" });
});

it("sets aside an event Inngest answers with a 5xx every time, after its attempts, and delivers the rest", async () => {
  const { tenant } = await createTestTenant(db);
  const poison = await settingsChanged(tenant.id, { theme: { before: "light", after: "poison" } });
  const answered500: RelaySend = async (events) => {
    if (events.some((event) => event.id === poison.id)) {
      throw new Error("Inngest API Error: 500 Internal Server Error");
    }
    await send(events);
  };
  const others: string[] = [];
  const passes = [];
  // Other events keep coming, as they do: each pass has one more to deliver beside the poison.
  for (let pass = 1; pass <= 6; pass++) {
    others.push((await settingsChanged(tenant.id, { theme: { before: "light", after: `dark ${pass}` } })).id);
    passes.push(await relayOnce(db, answered500, { maxBackoffSeconds: 0, maxAttempts: 5 }));
    if ((await deliveryOf(poison.id)).status === "dead") break;
  }
  // Two passes wait for Inngest with the whole batch; from the third the batch is split and the
  // others go through; the fifth failure of the poison alone sets it aside.
  expect(passes.map((result) => result.dead)).toEqual([0, 0, 0, 0, 1]);
  expect(passes.slice(0, 2).map((result) => result.sent)).toEqual([0, 0]);
  expect(others.every((id) => api.accepted.has(id))).toBe(true);
  expect(api.accepted.has(poison.id)).toBe(false);
  const dead = await deliveryOf(poison.id);
  expect(dead).toMatchObject({ status: "dead", attempts: 5 });
  expect(dead.last_error).toMatch(/500 Internal Server Error \(after 5 attempts\)/);
  expect((await relayOnce(db, answered500)).sent).toBe(0);
});

it("sets nothing aside while Inngest is down, however many attempts, and tries it three calls a pass", async () => {
  const { tenant } = await createTestTenant(db);
  const events = [
    await settingsChanged(tenant.id, { theme: { before: "light", after: "dark" } }),
    await settingsChanged(tenant.id, { theme: { before: "dark", after: "light" } }),
  ];
  let calls = 0;
  const down: RelaySend = async () => {
    calls++;
    throw new Error("Inngest API Error: 503 Service Unavailable");
  };
  for (let pass = 1; pass <= 8; pass++) {
    const before = calls;
    expect(await relayOnce(db, down, { maxBackoffSeconds: 0, maxAttempts: 3 })).toMatchObject({
      sent: 0,
      dead: 0,
    });
    expect(calls - before).toBeLessThanOrEqual(3);
  }
  for (const event of events)
    expect(await deliveryOf(event.id)).toMatchObject({ status: "pending", attempts: 8 });
  // Back up: everything is delivered.
  while ((await relayOnce(db, send, { maxBackoffSeconds: 0 })).sent > 0) {}
  expect(events.every((event) => api.accepted.has(event.id))).toBe(true);
});

it("sets aside at once a row that cannot be turned into an Inngest event, and delivers the rest of its batch", async () => {
  const { tenant } = await createTestTenant(db);
  const good = await settingsChanged(tenant.id, { theme: { before: "light", after: "dark" } });
  const broken = await settingsChanged(tenant.id, { theme: { before: "dark", after: "light" } });
  unbuildable.add(broken.id);
  try {
    expect(await relayOnce(db, send)).toEqual({ sent: 3, failed: 0, dead: 1 });
  } finally {
    unbuildable.delete(broken.id);
  }
  expect(api.accepted.has(good.id)).toBe(true);
  const dead = await deliveryOf(broken.id);
  expect(dead).toMatchObject({ status: "dead", attempts: 1 });
  expect(dead.last_error).toMatch(/^Not an event Inngest can take: Invalid time value/);
});
