import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { printAssetLabels } from "@/server/assets/labels/services/print-asset-labels";
import { exportAssetsCsv } from "@/server/assets/list/services/export-assets-csv";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import { verifyTenantAuditChain } from "@/server/audit/services/verify-audit-chain";
import { withPlatform, withTenant } from "@/server/db";
import { exportEmployeesCsv } from "@/server/employees/export-csv";
import { AppError } from "@/server/errors";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { linkedEmployeeOf } from "../factories/portal";
import { createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { openMigratedPglite, useTestDatabase } from "../support/database";

/** The longest the event loop went without running a 5 ms timer while `work` ran. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let stall = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  try {
    await work();
    return Math.max(stall, performance.now() - last);
  } finally {
    clearInterval(probe);
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? { code: error.code, message: error.message } : error),
  );

describe("per-tenant cap on heavy jobs", () => {
  let handle: DatabaseHandle;
  let staffA: TestUser;
  let otherStaffA: TestUser;
  let staffB: TestUser;
  let auditorA: TestUser;

  beforeAll(async () => {
    handle = await useTestDatabase();
    const a = await createTestTenant(handle.db);
    const b = await createTestTenant(handle.db);
    staffA = await createTestUser(handle.db, a.tenant, "it_staff");
    otherStaffA = await createTestUser(handle.db, a.tenant, "it_staff");
    auditorA = await createTestUser(handle.db, a.tenant, "auditor");
    staffB = await createTestUser(handle.db, b.tenant, "it_staff");
    for (const [tenant, user] of [
      [a.tenant, staffA],
      [b.tenant, staffB],
    ] as const) {
      const fixtures = await createAssetFixtures(handle.db, tenant.id);
      for (let i = 0; i < 3; i++) await createTestAsset(handle.db, user, fixtures.categoryId);
    }
  });
  afterAll(() => handle.close());

  it("refuses a second label sheet for the same tenant while one renders, not another tenant's", async () => {
    const first = printAssetLabels(handle.db, staffA, {});
    const second = failure(printAssetLabels(handle.db, otherStaffA, {}));
    const otherTenant = printAssetLabels(handle.db, staffB, {});
    expect(await second).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/already being generated.*try again when it finishes/),
    });
    expect((await first).count).toBe(3);
    expect((await otherTenant).count).toBe(3);
    // the slot is free again once the sheet is done, and after a failed one too
    expect((await printAssetLabels(handle.db, otherStaffA, {})).count).toBe(3);
    expect(await failure(printAssetLabels(handle.db, staffA, { size: "avery-9999" }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect((await printAssetLabels(handle.db, staffA, {})).count).toBe(3);
  });

  it("allows two exports per tenant at once and frees the slot when a download ends or is cancelled", async () => {
    const one = await exportAssetsCsv(handle.db, auditorA, {});
    const two = await exportAssetsCsv(handle.db, staffA, {});
    expect(await failure(exportAssetsCsv(handle.db, otherStaffA, {}))).toMatchObject({
      code: "RATE_LIMITED",
    });
    await new Response(one.stream).text();
    await two.stream.cancel();
    const three = await exportAssetsCsv(handle.db, otherStaffA, {});
    expect((await new Response(three.stream).text()).trimEnd().split("\r\n")).toHaveLength(4);

    const audits = [
      await exportAuditCsv(handle.db, auditorA, {}),
      await exportAuditCsv(handle.db, auditorA, {}),
    ];
    expect(await failure(exportAuditCsv(handle.db, auditorA, {}))).toMatchObject({ code: "RATE_LIMITED" });
    for (const audit of audits) await new Response(audit.stream).text();
    await new Response((await exportAuditCsv(handle.db, auditorA, {})).stream).text();
  });

  it("streams employee exports in batches, two per tenant at once", async () => {
    for (const user of [staffA, otherStaffA, auditorA]) await linkedEmployeeOf(handle.db, user);
    const one = await exportEmployeesCsv(handle.db, auditorA, {}, { batchSize: 2 });
    const two = await exportEmployeesCsv(handle.db, staffA, {});
    expect(await failure(exportEmployeesCsv(handle.db, otherStaffA, {}))).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/Two employee exports are already running/),
    });
    expect((await exportEmployeesCsv(handle.db, staffB, {})).stream).toBeInstanceOf(ReadableStream);
    // read chunk by chunk: the header, then batches of two people
    const reader = one.stream.getReader();
    const chunks: string[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(new TextDecoder().decode(read.value));
    }
    const people = chunks.slice(1).map((chunk) => chunk.trimEnd().split("\r\n").length);
    expect(people.every((count) => count <= 2)).toBe(true);
    expect(people.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(3);
    await two.stream.cancel();
    const three = await exportEmployeesCsv(handle.db, otherStaffA, {});
    expect((await new Response(three.stream).text()).split("\r\n")[0]).toMatch(/^Employee number,/);
  });

  it("verifies one tenant's audit chain at a time, while other tenants verify theirs", async () => {
    const first = verifyTenantAuditChain(handle.db, auditorA.tenantId);
    expect(await failure(verifyTenantAuditChain(handle.db, auditorA.tenantId))).toEqual({
      code: "RATE_LIMITED",
      message: expect.stringMatching(/already being verified.*try again when that finishes/),
    });
    expect((await verifyTenantAuditChain(handle.db, staffB.tenantId)).ok).toBe(true);
    expect((await first).ok).toBe(true);
    expect((await verifyTenantAuditChain(handle.db, auditorA.tenantId)).ok).toBe(true);
  });
});

describe("audit chain verification on the embedded database", () => {
  // 20,000 events: a walk of well over a second on PGlite, whose one connection every query shares.
  let handle: DatabaseHandle;
  let tenantId: string;
  let otherTenantId: string;
  const EVENTS = 20_000;

  beforeAll(async () => {
    handle = await openMigratedPglite();
    tenantId = (await createTestTenant(handle.db)).tenant.id;
    otherTenantId = (await createTestTenant(handle.db)).tenant.id;
    await withPlatform(handle.db, async (trx) => {
      const base =
        (
          await trx
            .selectFrom("events")
            .select((eb) => eb.fn.max("seq").as("seq"))
            .where("tenant_id", "=", tenantId)
            .executeTakeFirst()
        )?.seq ?? 0;
      for (let from = 0; from < EVENTS; from += 2000) {
        await trx
          .insertInto("events")
          .values(
            Array.from({ length: 2000 }, (_, i) => ({
              tenant_id: tenantId,
              seq: Number(base) + from + i + 1,
              name: "asset.updated",
              actor_type: "system",
              entity_type: "asset",
              entity_id: "00000000-0000-4000-8000-000000000001",
              data: JSON.stringify({ note: "x".repeat(100) }),
              prev_hash: "0".repeat(64),
              hash: "1".repeat(64),
            })),
          )
          .execute();
      }
    });
  }, 120_000);
  afterAll(() => handle.close());

  it("walks the log in short transactions that let other tenants' queries and timers through", async () => {
    let checked = 0;
    let otherQueryMs = Number.POSITIVE_INFINITY;
    let walkMs = 0;
    const stall = await longestStall(async () => {
      const started = performance.now();
      const walk = verifyTenantAuditChain(handle.db, tenantId).then((result) => {
        checked = result.checked;
        walkMs = performance.now() - started;
      });
      // another tenant's request, a moment into the walk
      await new Promise((resolve) => setTimeout(resolve, 50));
      const asked = performance.now();
      await withTenant(handle.db, otherTenantId, (trx) => trx.selectFrom("assets").select("id").execute());
      otherQueryMs = performance.now() - asked;
      await walk;
    });
    expect(checked).toBeGreaterThanOrEqual(EVENTS);
    // the walk is many pieces, none of them long (relative bounds: the machine may be busy)
    expect(otherQueryMs).toBeLessThan(walkMs / 4);
    expect(stall).toBeLessThan(walkMs / 10);
  }, 120_000);
});

describe("CSV exports on the embedded database", () => {
  // PGlite runs SQL on the calling thread: this is where an export can stop every other request.
  let handle: DatabaseHandle;
  let auditor: TestUser;
  const ROWS = 4000;

  beforeAll(async () => {
    handle = await openMigratedPglite();
    const { tenant } = await createTestTenant(handle.db);
    auditor = await createTestUser(handle.db, tenant, "auditor");
    const fixtures = await createAssetFixtures(handle.db, tenant.id);
    await withPlatform(handle.db, (trx) =>
      trx
        .insertInto("assets")
        .values(
          Array.from({ length: ROWS }, (_, i) => ({
            tenant_id: tenant.id,
            tag: `EXP-${i}`,
            name: `Laptop ${i}`,
            serial: `SN-${i}`,
            category_id: fixtures.categoryId,
            status_id: fixtures.statusOf("in_stock"),
            notes: "x".repeat(200),
          })),
        )
        .execute(),
    );
  }, 120_000);
  afterAll(() => handle.close());

  it("streams a large export in batches, the event loop turning between them", async () => {
    // Counts turns of the event loop, and notes the turn each read of assets starts in: an export
    // that held the thread would read every batch in one turn (PGlite answers in microtasks).
    let turns = 0;
    let counting = true;
    const turn = () => {
      turns++;
      if (counting) setImmediate(turn);
    };
    setImmediate(turn);
    const readTurns: number[] = [];
    const observed = handle.db.withPlugin({
      transformQuery: ({ node }) => {
        if (node.kind === "SelectQueryNode") readTurns.push(turns);
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    try {
      const { stream } = await exportAssetsCsv(observed, auditor, { sort: "tag", dir: "asc" });
      const lines = (await new Response(stream).text()).trimEnd().split("\r\n").length;
      expect(lines).toBe(ROWS + 1);
    } finally {
      counting = false;
    }
    // the ids, then the rows in batches: reads in several turns, never all of them in one
    const distinctTurns = new Set(readTurns).size;
    expect(readTurns.length).toBeGreaterThan(3);
    expect(distinctTurns).toBeGreaterThan(3);
  }, 120_000);
});
