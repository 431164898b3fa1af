import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getAssetDetail, getAssetHistory } from "@/server/assets/detail";
import type { BulkAssetActionInput } from "@/server/assets/schemas";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * Assets whose move fails after the move was written (as a lost connection or a bug would), to
 * show that the savepoint takes back that asset's writes alone.
 */
const failAfterWrite = vi.hoisted(() => new Set<string>());
vi.mock("@/server/assets/services/move-asset", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/server/assets/services/move-asset")>();
  return {
    moveAsset: async (...args: Parameters<typeof actual.moveAsset>) => {
      const moved = await actual.moveAsset(...args);
      if (failAfterWrite.has(args[1].assetId)) throw new Error("connection reset");
      return moved;
    },
  };
});

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
let storage: string;
let office: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
  const location = (name: string, kind: string) =>
    withPlatform(db, async (trx) => {
      const row = await trx
        .insertInto("locations")
        .values({ tenant_id: tenant.id, name, kind })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    });
  storage = await location("IT Storage", "room");
  office = await location("Berlin Office", "site");
});
afterAll(() => handle.close());

/** Through the tRPC procedure, so the savepoints run inside the request's real transaction. */
const bulk = (input: BulkAssetActionInput) =>
  createCaller({ user: staff, requestId: "bulk-test", ip: "127.0.0.1" }).assets.bulk(input);

const eventsOf = (assetId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data"])
      .where("entity_id", "=", assetId)
      .orderBy("seq")
      .execute(),
  );
const historyOf = (assetId: string) =>
  withTenant(db, staff.tenantId, (trx) => getAssetHistory(trx, staff.tenantId, assetId));
const detailOf = (assetId: string) =>
  withTenant(db, staff.tenantId, (trx) => getAssetDetail(trx, staff.tenantId, assetId));

type Created = Awaited<ReturnType<typeof createTestAsset>>;

async function assignedAsset() {
  const asset = await createTestAsset(db, staff, fixtures.categoryId);
  await asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId: fixtures.jane.id }));
  return asset;
}
async function retiredAsset() {
  const asset = await createTestAsset(db, staff, fixtures.categoryId);
  await asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: asset.id, kind: "retired" }));
  return asset;
}

describe("bulk asset actions", () => {
  it("returns the assigned assets and reports the retired ones, writing events only for those returned", async () => {
    const [first, second] = [await assignedAsset(), await assignedAsset()];
    const [retired, alsoRetired] = [await retiredAsset(), await retiredAsset()];
    const before = {
      retired: (await eventsOf(retired.id)).length,
      alsoRetired: (await eventsOf(alsoRetired.id)).length,
    };

    const summary = await bulk({
      action: "return",
      condition: "good",
      toKind: "in_stock",
      assetIds: [retired.id, first.id, alsoRetired.id, second.id],
    });

    expect(summary.succeeded.map((item) => item.id).sort()).toEqual([first.id, second.id].sort());
    expect(summary.failed).toHaveLength(2);
    for (const asset of [retired, alsoRetired]) {
      expect(summary.failed).toContainEqual({
        id: asset.id,
        tag: asset.tag,
        reason: `${asset.tag} is Retired (retired); only an assigned asset can be returned.`,
      });
    }
    for (const asset of [first, second]) {
      expect((await detailOf(asset.id)).status.kind).toBe("in_stock");
      expect((await eventsOf(asset.id)).map((event) => event.name).at(-1)).toBe("asset.returned");
      expect((await historyOf(asset.id))[0]).toMatchObject({ type: "return", condition: "good" });
    }
    expect((await eventsOf(retired.id)).length).toBe(before.retired);
    expect((await eventsOf(alsoRetired.id)).length).toBe(before.alsoRetired);
    expect((await historyOf(retired.id)).map((entry) => entry.type)).toEqual(["retire", "purchase"]);
  });

  it("moves assets, recording the move as an update event and a history entry, and refuses disposed ones", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { locationId: storage });
    const disposed = await retiredAsset();
    await asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: disposed.id, kind: "disposed" }));

    const summary = await bulk({ action: "move", locationId: office, assetIds: [asset.id, disposed.id] });

    expect(summary).toEqual({
      succeeded: [{ id: asset.id, tag: asset.tag }],
      failed: [
        {
          id: disposed.id,
          tag: disposed.tag,
          reason: `${disposed.tag} has been disposed of; it cannot be moved.`,
        },
      ],
    });
    const detail = await detailOf(asset.id);
    expect(detail.location).toEqual({ id: office, name: "Berlin Office" });
    expect(detail.status.kind).toBe("in_stock");
    expect((await eventsOf(asset.id)).at(-1)).toEqual({
      name: "asset.updated",
      data: { tag: asset.tag, changes: { location_id: { before: storage, after: office } } },
    });
    expect((await historyOf(asset.id))[0]).toMatchObject({
      type: "status_change",
      fromStatus: "In stock",
      toStatus: "In stock",
      fromLocation: "IT Storage",
      toLocation: "Berlin Office",
      data: { move: true },
    });
  });

  it("undoes everything one asset wrote when it fails half way, and carries on with the others", async () => {
    const assets = [
      await createTestAsset(db, staff, fixtures.categoryId, { locationId: storage }),
      await createTestAsset(db, staff, fixtures.categoryId, { locationId: storage }),
      await createTestAsset(db, staff, fixtures.categoryId, { locationId: storage }),
    ].sort((a, b) => a.id.localeCompare(b.id));
    const [first, broken, last] = assets as [Created, Created, Created];
    failAfterWrite.add(broken.id);
    const eventsBefore = (await eventsOf(broken.id)).length;

    const summary = await bulk({ action: "move", locationId: office, assetIds: assets.map((a) => a.id) });

    expect(summary.failed).toEqual([
      {
        id: broken.id,
        tag: broken.tag,
        reason: `Something went wrong on our side; ${broken.tag} was left unchanged (reference bulk-test).`,
      },
    ]);
    expect(summary.succeeded.map((item) => item.id).sort()).toEqual([first.id, last.id].sort());
    const afterBroken = await detailOf(broken.id);
    expect(afterBroken.location?.id).toBe(storage);
    expect(afterBroken.version).toBe(broken.version);
    expect((await eventsOf(broken.id)).length).toBe(eventsBefore);
    expect((await historyOf(broken.id)).map((entry) => entry.type)).toEqual(["purchase"]);
    for (const asset of [first, last]) expect((await detailOf(asset.id)).location?.id).toBe(office);
  });

  it("changes statuses where the lifecycle allows it and says what to do for the rest", async () => {
    const inStock = await createTestAsset(db, staff, fixtures.categoryId);
    const assigned = await assignedAsset();

    const summary = await bulk({
      action: "change_status",
      kind: "in_repair",
      assetIds: [inStock.id, assigned.id],
    });

    expect(summary.succeeded).toEqual([{ id: inStock.id, tag: inStock.tag }]);
    expect(summary.failed).toEqual([
      { id: assigned.id, tag: assigned.tag, reason: expect.stringMatching(/Return it first\.$/) },
    ]);
    expect((await detailOf(inStock.id)).status.kind).toBe("in_repair");
    expect((await detailOf(assigned.id)).employee?.id).toBe(fixtures.jane.id);
  });

  it("retires in-stock assets and reports an id that is not one of the organization's", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const stranger = "00000000-0000-4000-8000-000000000001";

    const summary = await bulk({ action: "retire", assetIds: [asset.id, stranger, asset.id] });

    expect(summary).toEqual({
      succeeded: [{ id: asset.id, tag: asset.tag }],
      failed: [{ id: stranger, tag: null, reason: "That asset does not exist in this organization." }],
    });
    expect((await eventsOf(asset.id)).map((event) => event.name).slice(-2)).toEqual([
      "asset.status_changed",
      "asset.retired",
    ]);
  });

  it("refuses the whole request when the target location is not usable, changing nothing", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { locationId: storage });
    const other = await createTestTenant(db);
    const foreign = await withPlatform(db, (trx) =>
      trx
        .insertInto("locations")
        .values({ tenant_id: other.tenant.id, name: "Elsewhere", kind: "site" })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const error = await bulk({ action: "move", locationId: foreign.id, assetIds: [asset.id] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).message).toMatch(/That location does not exist in this organization/);
    expect((await detailOf(asset.id)).location?.id).toBe(storage);
  });

  it("refuses more than 500 assets at once", async () => {
    const ids = Array.from(
      { length: 501 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    );
    const error = await bulk({ action: "retire", assetIds: ids }).catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });
});
