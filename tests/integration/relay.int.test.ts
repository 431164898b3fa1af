import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { relayBacklog, relayOnce } from "@/server/events/relay";
import { createTestTenant } from "../factories/tenants";
import { type FakeEventApi, startFakeEventApi } from "../fakes/inngest/event-api";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let api: FakeEventApi;
let inngest: Inngest;
const send = async (events: Parameters<Inngest["send"]>[0]) => {
  await inngest.send(events);
};

beforeAll(async () => {
  // Its own database: the relay drains every pending delivery, other files' included.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  api = await startFakeEventApi("relay-test-key");
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
    emit(trx, {
      tenantId: tenant.id,
      name: "user.deactivated",
      actor: { type: "user", id: admin.id, label: "Ada" },
      entityId: admin.id,
      data: { email: admin.email },
    }),
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
    await emit(trx, {
      tenantId: tenant.id,
      name: "settings.changed",
      actor: { type: "system", id: null, label: "t" },
      entityId: tenant.id,
      data: { changes: {} },
    });
    throw new Error("rolled back");
  }).catch(() => {});
  expect((await relayOnce(db, send)).sent).toBe(0);
  expect(api.received.length).toBe(before);
});

it("keeps events queued with the error and a backoff when Inngest refuses, then delivers them", async () => {
  const { tenant } = await createTestTenant(db);
  api.failNext(10); // more than the SDK's own retries
  const failed = await relayOnce(db, send);
  expect(failed).toEqual({ sent: 0, failed: 2 });

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
