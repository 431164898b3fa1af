import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { eventHash, GENESIS_HASH, hashedFieldsOf } from "@/server/events/hash";
import { createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const actor = { type: "system" as const, id: null, label: "test" };

it("an event emitted in a rolled-back transaction never exists", async () => {
  const { tenant } = await createTestTenant(db);
  const before = await withTenant(db, tenant.id, (trx) => trx.selectFrom("events").select("id").execute());
  await expect(
    withTenant(db, tenant.id, async (trx) => {
      await emit(
        { db: trx, tenantId: tenant.id, actor: actor },
        { name: "settings.changed", entityId: tenant.id, data: { changes: {} } },
      );
      throw new Error("the change failed");
    }),
  ).rejects.toThrow("the change failed");
  const after = await withTenant(db, tenant.id, (trx) => trx.selectFrom("events").select("id").execute());
  expect(after).toHaveLength(before.length);
});

it("committed events are numbered per tenant, queued for delivery and hash-chained", async () => {
  const { tenant } = await createTestTenant(db);
  for (let i = 0; i < 3; i++) {
    await withTenant(db, tenant.id, (trx) =>
      emit(
        { db: trx, tenantId: tenant.id, actor: actor },
        {
          name: "settings.changed",
          entityId: tenant.id,
          data: { changes: { n: { before: i, after: i + 1 } } },
        },
      ),
    );
  }
  const rows = await withPlatform(db, (trx) =>
    trx.selectFrom("events").selectAll().where("tenant_id", "=", tenant.id).orderBy("seq").execute(),
  );
  expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
  let prev = GENESIS_HASH;
  for (const row of rows) {
    expect(row.prev_hash).toBe(prev);
    const recomputed = eventHash(prev, hashedFieldsOf(row));
    expect(row.hash).toBe(recomputed);
    prev = row.hash;
  }
  const queued = await withPlatform(db, (trx) =>
    trx.selectFrom("event_deliveries").select("status").where("tenant_id", "=", tenant.id).execute(),
  );
  expect(queued.map((row) => row.status)).toEqual(["pending", "pending", "pending", "pending", "pending"]);
});

it("refuses an event whose data does not match the catalog", async () => {
  const { tenant } = await createTestTenant(db);
  await expect(
    withTenant(db, tenant.id, (trx) =>
      emit(
        { db: trx, tenantId: tenant.id, actor: actor },
        {
          name: "user.deactivated",
          entityId: tenant.id, // deliberately not the catalog's shape, as a bug in a service would produce
          data: { mail: 1 } as never,
        },
      ),
    ),
  ).rejects.toThrow(/does not match its schema/);
});

it("concurrent emitters of one tenant, from its very first event, extend one unbroken chain", async () => {
  const { tenant } = await createTestTenant(db);
  // createTestTenant emits already; a fresh head is raced for on a tenant without events too.
  const fresh = await withPlatform(db, (trx) =>
    trx
      .insertInto("tenants")
      .values({ name: "Race", slug: `race-${Date.now()}` })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  for (const tenantId of [tenant.id, fresh.id]) {
    const emitted = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withTenant(db, tenantId, async (trx) => {
          const first = await emit(
            { db: trx, tenantId: tenantId, actor: actor },
            {
              name: "settings.changed",
              entityId: tenantId,
              data: { changes: { n: { before: i, after: i + 1 } } },
            },
          );
          const second = await emit(
            { db: trx, tenantId: tenantId, actor: actor },
            {
              name: "settings.changed",
              entityId: tenantId,
              data: { changes: { n: { before: i + 1, after: i } } },
            },
          );
          return [first.seq, second.seq];
        }),
      ),
    );
    // each transaction's two events are consecutive: the head stays locked until it commits
    for (const [first, second] of emitted) expect(second).toBe((first ?? 0) + 1);
    const verification = await withPlatform(db, (trx) => verifyAuditChain(trx, tenantId));
    expect(verification.problems).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.head?.seq).toBe(verification.lastSeq);
    const deliveries = await withPlatform(db, (trx) =>
      trx
        .selectFrom("event_deliveries")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("tenant_id", "=", tenantId)
        .executeTakeFirstOrThrow(),
    );
    expect(Number(deliveries.count)).toBe(verification.checked);
  }
});
