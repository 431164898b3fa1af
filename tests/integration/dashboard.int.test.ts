import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { bookValue } from "@/server/assets/depreciation";
import { BOOK_VALUE_TODAY, bookValueCases } from "@/server/assets/depreciation.cases";
import { countAssets } from "@/server/assets/list/queries";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { returnAsset } from "@/server/assets/services/return-asset";
import { fleetKinds, inServiceKinds } from "@/server/dashboard/fleet";
import { fleetGroups } from "@/server/dashboard/queries";
import { type Db, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset, createTestCategory } from "../factories/assets";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const now = new Date();
/** A warranty end `days` from today (UTC); kept days away from the window's edges, whatever the time zone. */
const inDays = (days: number) => isoDay(now.getTime() + days * DAY);
/** The first of the month `months` ago: exactly `months` whole months of depreciation today. */
const firstOfMonthAgo = (months: number) =>
  isoDay(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
/** This week's Monday, 00:00 UTC: the last of the chart's twelve weeks. */
const thisMonday =
  Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY;
const windowStart = thisMonday - 11 * 7 * DAY;

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let auditor: TestUser;
let employee: TestUser;
let outsider: TestUser;
let laptops: { id: string; name: string };
let phones: { id: string; name: string };
let monitors: { id: string; name: string };

/** The dashboard's asset figures as `user` sees them, through the procedures the page calls. */
async function dashboardAs(user: TestUser) {
  const dashboard = createCaller({ user, requestId: "dashboard-test", ip: "127.0.0.1" }).dashboard;
  const [overview, activity] = await Promise.all([dashboard.assets(), dashboard.activity()]);
  return { overview, activity };
}

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db, "Dashboard tenant");
  staff = await createTestUser(db, tenant, "it_staff");
  auditor = await createTestUser(db, tenant, "auditor");
  employee = await createTestUser(db, tenant, "employee");
  const fixtures = await createAssetFixtures(db, tenant.id);
  laptops = { id: fixtures.categoryId, name: fixtures.categoryName };
  phones = await createTestCategory(db, tenant.id, "Phones", 24);
  monitors = await createTestCategory(db, tenant.id, "Monitors", null);

  const create = (categoryId: string, name: string, fields: Parameters<typeof createTestAsset>[3] = {}) =>
    createTestAsset(db, staff, categoryId, { name, ...fields });
  const act = <T>(fn: Parameters<typeof asUser<T>>[2]) => asUser(db, staff, fn);

  // Laptops: 36 months of depreciation.
  const l1 = await create(laptops.id, "L1", {
    cost: 1200,
    purchaseDate: firstOfMonthAgo(12),
    warrantyEnd: inDays(30),
  });
  await act((ctx) => assignAsset(ctx, { assetId: l1.id, employeeId: fixtures.jane.id }));
  const l2 = await create(laptops.id, "L2", { cost: 1000, warrantyEnd: inDays(120) });
  await act((ctx) => assignAsset(ctx, { assetId: l2.id, employeeId: fixtures.omar.id }));
  await act((ctx) => returnAsset(ctx, { assetId: l2.id, condition: "good", toKind: "in_stock" }));
  const l3 = await create(laptops.id, "L3", {
    cost: 899.99,
    purchaseDate: firstOfMonthAgo(1),
    warrantyEnd: inDays(10),
  });
  await act((ctx) => changeAssetStatus(ctx, { assetId: l3.id, kind: "in_repair" }));
  await create(laptops.id, "L4", { cost: 100, purchaseDate: "2015-01-01", warrantyEnd: inDays(-10) });
  // Phones: 24 months.
  const p1 = await create(phones.id, "P1", {
    cost: 600,
    purchaseDate: firstOfMonthAgo(6),
    warrantyEnd: inDays(60),
  });
  await act((ctx) => changeAssetStatus(ctx, { assetId: p1.id, kind: "lost" }));
  const p2 = await create(phones.id, "P2", { warrantyEnd: inDays(5) });
  await act((ctx) => changeAssetStatus(ctx, { assetId: p2.id, kind: "stolen" }));
  const p3 = await create(phones.id, "P3", {
    cost: 300,
    purchaseDate: "2015-01-01",
    warrantyEnd: inDays(20),
  });
  await act((ctx) => changeAssetStatus(ctx, { assetId: p3.id, kind: "retired" }));
  const p4 = await create(phones.id, "P4", { cost: 500, warrantyEnd: inDays(45) });
  await act((ctx) => changeAssetStatus(ctx, { assetId: p4.id, kind: "retired" }));
  await act((ctx) => changeAssetStatus(ctx, { assetId: p4.id, kind: "disposed" }));
  // Monitors: no depreciation period, so book value = cost.
  await create(monitors.id, "M1", {
    cost: 250.5,
    purchaseDate: "2020-01-01",
    statusId: fixtures.statusOf("on_order"),
  });

  // Earlier weeks' history, at the window's edges.
  const at = (ms: number) => new Date(ms).toISOString();
  await withTenant(db, tenant.id, (trx) =>
    trx
      .insertInto("asset_transactions")
      .values(
        [
          { type: "repair_start", occurred_at: at(windowStart) },
          { type: "assignment", occurred_at: at(windowStart - 1000) },
          { type: "assignment", occurred_at: at(thisMonday - 19 * DAY) },
          { type: "assignment", occurred_at: at(thisMonday - 19 * DAY + 3_600_000) },
          { type: "return", occurred_at: at(thisMonday - 7 * DAY - 1000) },
          { type: "maintenance", occurred_at: at(now.getTime() - 1000) },
          { type: "lost", occurred_at: at(thisMonday - 7 * DAY) },
        ].map((row) => ({ ...row, tenant_id: tenant.id, asset_id: l1.id })),
      )
      .execute(),
  );

  // Another tenant, just as busy, must not be counted.
  const other = await createTestTenant(db);
  outsider = await createTestUser(db, other.tenant, "it_staff");
  const otherFixtures = await createAssetFixtures(db, other.tenant.id);
  const x1 = await createTestAsset(db, outsider, otherFixtures.categoryId, {
    name: "X1",
    cost: 5000,
    warrantyEnd: inDays(30),
  });
  await asUser(db, outsider, (ctx) =>
    assignAsset(ctx, { assetId: x1.id, employeeId: otherFixtures.jane.id }),
  );
  const x2 = await createTestAsset(db, outsider, otherFixtures.categoryId, {
    name: "X2",
    cost: 7000,
    warrantyEnd: inDays(10),
  });
  await asUser(db, outsider, (ctx) => changeAssetStatus(ctx, { assetId: x2.id, kind: "in_repair" }));
  await createTestAsset(db, outsider, otherFixtures.categoryId, { name: "X3", cost: 100 });
});
afterAll(() => handle.close());

describe("dashboard assets", () => {
  it("counts the fleet by status kind, leaving the disposed aside, and no other tenant's", async () => {
    const { overview } = await dashboardAs(staff);
    expect(overview.total).toBe(8);
    expect(overview.disposed).toBe(1);
    expect(overview.byKind).toEqual([
      { kind: "on_order", count: 1 },
      { kind: "in_stock", count: 2 },
      { kind: "assigned", count: 1 },
      { kind: "in_repair", count: 1 },
      { kind: "lost", count: 1 },
      { kind: "stolen", count: 1 },
      { kind: "retired", count: 1 },
    ]);
  });

  it("counts by category, largest first", async () => {
    const { overview } = await dashboardAs(staff);
    expect(overview.byCategory).toEqual([
      { id: laptops.id, name: laptops.name, count: 4 },
      { id: phones.id, name: phones.name, count: 3 },
      { id: monitors.id, name: monitors.name, count: 1 },
    ]);
  });

  it("counts warranties ending within 90 days on assets in service only", async () => {
    // L1 (30 days) and L3 (10 days); not L2 (120 days), L4 (ended), nor the lost, stolen,
    // retired or disposed phones.
    expect((await dashboardAs(staff)).overview.warrantyExpiring).toBe(2);
  });

  it("adds up purchase cost and straight-line book value to the cent", async () => {
    const { overview } = await dashboardAs(staff);
    // 1200 + 1000 + 899.99 + 100 + 600 + (P2: no cost) + 300 + 250.50; P4 is disposed
    expect(overview.purchaseCost).toBe("4350.49");
    // L1 1200 - 12/36 = 800; L2 no purchase date = 1000; L3 899.99 - floor(89999/36) cents = 875.00;
    // L4 and P3 fully depreciated; P1 600 - 6/24 = 450; M1 no period = 250.50
    expect(overview.bookValue).toBe("3375.50");
  });

  it("counts assignments, returns, repairs and retirements per week over 12 weeks", async () => {
    const { activity } = await dashboardAs(staff);
    expect(activity.map((week) => week.weekStart)).toEqual(
      Array.from({ length: 12 }, (_, i) => isoDay(windowStart + i * 7 * DAY)),
    );
    const zero = { assignment: 0, return: 0, repair_start: 0, retire: 0 };
    expect(activity.map(({ weekStart: _, ...counts }) => counts)).toEqual([
      { ...zero, repair_start: 1 }, // the window's first instant; the assignment a second earlier is out
      zero,
      zero,
      zero,
      zero,
      zero,
      zero,
      zero,
      { ...zero, assignment: 2 },
      { ...zero, return: 1 },
      zero, // a loss is not in the chart
      // this week: L1 and L2 assigned, L2 returned, L3 to repair, P3 retired, P4 retired and disposed
      { assignment: 2, return: 1, repair_start: 1, retire: 3 },
    ]);
  });

  it("gives the other tenant its own figures", async () => {
    const { overview, activity } = await dashboardAs(outsider);
    expect(overview).toMatchObject({
      total: 3,
      disposed: 0,
      warrantyExpiring: 2,
      purchaseCost: "12100.00",
      bookValue: "12100.00",
    });
    expect(activity.at(-1)).toMatchObject({ assignment: 1, repair_start: 1, return: 0, retire: 0 });
  });

  it("counts exactly what each card's asset list shows", async () => {
    const { overview } = await dashboardAs(staff);
    const kind = (k: string) => overview.byKind.find((entry) => entry.kind === k)?.count;
    const listed = (input: Parameters<typeof countAssets>[2]) =>
      withTenant(db, staff.tenantId, (trx) => countAssets(trx, staff.tenantId, input));
    expect(await listed({ kinds: [...fleetKinds] })).toBe(overview.total);
    expect(await listed({ kinds: ["assigned"] })).toBe(kind("assigned"));
    expect(await listed({ kinds: ["in_stock"] })).toBe(kind("in_stock"));
    expect(await listed({ kinds: ["in_repair"] })).toBe(kind("in_repair"));
    expect(await listed({ kinds: ["lost", "stolen"] })).toBe((kind("lost") ?? 0) + (kind("stolen") ?? 0));
    expect(await listed({ kinds: [...inServiceKinds], warrantyExpiringDays: 90 })).toBe(
      overview.warrantyExpiring,
    );
  });

  it("lists recent changes without the sign-ins between them", async () => {
    const caller = createCaller({ user: staff, requestId: "dashboard-test", ip: "127.0.0.1" });
    const before = (await caller.dashboard.summary()).activity;
    await withTenant(db, staff.tenantId, (trx) =>
      emit(
        { db: trx, tenantId: staff.tenantId, actor: { type: "user", id: staff.id, label: staff.email } },
        { name: "user.signed_in", entityId: staff.id, data: { email: staff.email, ip: "127.0.0.1" } },
      ),
    );
    const { activity } = await caller.dashboard.summary();
    expect(activity.length).toBe(10);
    expect(activity.map((event) => event.name)).not.toContain("user.signed_in");
    expect(activity).toEqual(before);
  });

  it("is open to auditors and closed to employees", async () => {
    expect((await dashboardAs(auditor)).overview.total).toBe(8);
    const refused = await dashboardAs(employee).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
  });
});

describe("book value in SQL", () => {
  // Each case in a category of its own, so each group's figure is one asset's book value.
  const today = BOOK_VALUE_TODAY;
  const cases = bookValueCases;
  let user: TestUser;
  const categoryIds: string[] = [];

  beforeAll(async () => {
    const { tenant } = await createTestTenant(db);
    user = await createTestUser(db, tenant, "it_staff");
    await createAssetFixtures(db, tenant.id);
    for (const [i, item] of cases.entries()) {
      const category = await createTestCategory(db, tenant.id, `Case ${i}`, item.months);
      categoryIds.push(category.id);
      await createTestAsset(db, user, category.id, { cost: Number(item.cost), purchaseDate: item.purchased });
    }
  });

  it("is the asset page's book value, to the cent, on any date", async () => {
    const groups = await withTenant(db, user.tenantId, (trx) => fleetGroups(trx, user.tenantId, today));
    const values = categoryIds.map(
      (id) => (groups.find((group) => group.categoryId === id)?.bookCents ?? -1) / 100,
    );
    expect(values).toEqual(cases.map((item) => item.value));
    expect(values).toEqual(
      cases.map((item) => bookValue(item.cost, item.purchased, item.months, new Date(`${today}T12:00:00Z`))),
    );
  });
});
