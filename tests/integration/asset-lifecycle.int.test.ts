import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getAssetDetail, getAssetHistory } from "@/server/assets/detail";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { recordMaintenance } from "@/server/assets/services/record-maintenance";
import { returnAsset } from "@/server/assets/services/return-asset";
import { transferAsset } from "@/server/assets/services/transfer-asset";
import { updateAsset } from "@/server/assets/services/update-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
});
afterAll(() => handle.close());

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error)),
  );
const eventsOf = (assetId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data"])
      .where("entity_id", "=", assetId)
      .orderBy("seq")
      .execute(),
  );

describe("asset lifecycle", () => {
  it("create -> assign -> transfer -> return -> retire, each writing history and its event together", async () => {
    const created = await createTestAsset(db, staff, fixtures.categoryId, {
      cost: 1200,
      purchaseDate: "2026-01-15",
    });
    expect(created.tag).toMatch(/^AST-\d{6}$/);
    expect(created.status).toBe("In stock");

    await asUser(db, staff, (ctx) =>
      assignAsset(ctx, { assetId: created.id, employeeId: fixtures.jane.id, expectedReturnAt: "2027-01-31" }),
    );
    await asUser(db, staff, (ctx) =>
      transferAsset(ctx, { assetId: created.id, toEmployeeId: fixtures.omar.id }),
    );
    await asUser(db, staff, (ctx) =>
      returnAsset(ctx, {
        assetId: created.id,
        condition: "damaged",
        toKind: "in_repair",
        notes: "cracked hinge",
      }),
    );
    await asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: created.id, kind: "in_stock" }));
    await asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: created.id, kind: "retired" }));

    const detail = await withTenant(db, staff.tenantId, (trx) =>
      getAssetDetail(trx, staff.tenantId, created.id),
    );
    expect(detail).toMatchObject({
      status: { kind: "retired" },
      employee: null,
      allowedStatusKinds: ["disposed", "in_stock"],
    });
    const history = await withTenant(db, staff.tenantId, (trx) =>
      getAssetHistory(trx, staff.tenantId, created.id),
    );
    expect(history.map((entry) => entry.type).reverse()).toEqual([
      "purchase",
      "assignment",
      "transfer",
      "return",
      "repair_complete",
      "retire",
    ]);
    expect(history.find((entry) => entry.type === "return")).toMatchObject({
      condition: "damaged",
      notes: "cracked hinge",
      fromEmployee: fixtures.omar.name,
    });
    expect((await eventsOf(created.id)).map((event) => event.name)).toEqual([
      "asset.created",
      "asset.assigned",
      "asset.transferred",
      "asset.returned",
      "asset.status_changed",
      "asset.status_changed",
      "asset.retired",
    ]);
  });

  it("a retired laptop cannot be assigned, and the message names its status", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: asset.id, kind: "retired" }));
    const refused = await outcome(
      asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId: fixtures.jane.id })),
    );
    expect(refused).toBe(
      `INVALID_TRANSITION: ${asset.tag} is Retired (retired); only an in-stock asset can be assigned.`,
    );
  });

  it.each([
    ["return", "in_stock"],
    ["transfer", "in_stock"],
    ["repair", "assigned"],
  ] as const)("refuses to %s an asset that is %s, writing nothing", async (operation, state) => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    if (state === "assigned")
      await asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId: fixtures.jane.id }));
    const before = (await eventsOf(asset.id)).length;
    const attempt =
      operation === "return"
        ? asUser(db, staff, (ctx) =>
            returnAsset(ctx, { assetId: asset.id, condition: "good", toKind: "in_stock" }),
          )
        : operation === "transfer"
          ? asUser(db, staff, (ctx) =>
              transferAsset(ctx, { assetId: asset.id, toEmployeeId: fixtures.omar.id }),
            )
          : asUser(db, staff, (ctx) => changeAssetStatus(ctx, { assetId: asset.id, kind: "in_repair" }));
    expect(await outcome(attempt)).toMatch(/^INVALID_TRANSITION: /);
    expect((await eventsOf(asset.id)).length).toBe(before);
  });

  it("of two people assigning the same asset at once, exactly one succeeds and the other is told who holds it", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const results = await Promise.all([
      outcome(
        asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId: fixtures.jane.id })),
      ),
      outcome(
        asUser(db, staff, (ctx) => assignAsset(ctx, { assetId: asset.id, employeeId: fixtures.omar.id })),
      ),
    ]);
    expect(results.filter((result) => result === "OK")).toHaveLength(1);
    const loser = results.find((result) => result !== "OK");
    const holder = (
      await withTenant(db, staff.tenantId, (trx) => getAssetDetail(trx, staff.tenantId, asset.id))
    ).employee?.name;
    expect(loser).toBe(
      `CONFLICT: ${asset.tag} is already assigned to ${holder}. Return or transfer it instead.`,
    );
    expect((await eventsOf(asset.id)).filter((event) => event.name === "asset.assigned")).toHaveLength(1);
  });

  it("rejects a status that is not one of the tenant's", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const other = await createTestTenant(db);
    const foreign = await createAssetFixtures(db, other.tenant.id);
    expect(
      await outcome(
        asUser(db, staff, (ctx) =>
          changeAssetStatus(ctx, { assetId: asset.id, statusId: foreign.statusOf("in_repair") }),
        ),
      ),
    ).toMatch(/^UNPROCESSABLE: That status does not exist in this organization/);
  });

  it("refuses a duplicate serial, naming the asset that has it", async () => {
    const first = await createTestAsset(db, staff, fixtures.categoryId, { serial: "C02-DUP-123" });
    expect(await outcome(createTestAsset(db, staff, fixtures.categoryId, { serial: "c02-dup-123" }))).toBe(
      `CONFLICT: Serial c02-dup-123 already belongs to ${first.tag}.`,
    );
  });

  it("records maintenance and keeps the latest date", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (ctx) =>
      recordMaintenance(ctx, { assetId: asset.id, performedOn: "2026-06-01", notes: "battery replaced" }),
    );
    await asUser(db, staff, (ctx) =>
      recordMaintenance(ctx, { assetId: asset.id, performedOn: "2026-03-01", notes: "late entry" }),
    );
    const detail = await withTenant(db, staff.tenantId, (trx) =>
      getAssetDetail(trx, staff.tenantId, asset.id),
    );
    expect(detail.lastMaintenanceAt).toBe("2026-06-01");
  });

  it("an edit over someone else's newer change is refused; a good edit records before and after", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { name: "Old name" });
    await asUser(db, staff, (ctx) =>
      updateAsset(ctx, { assetId: asset.id, name: "New name", expectedVersion: asset.version }),
    );
    expect(
      await outcome(
        asUser(db, staff, (ctx) =>
          updateAsset(ctx, { assetId: asset.id, name: "Stale", expectedVersion: asset.version }),
        ),
      ),
    ).toMatch(/^CONFLICT: .* was changed by someone else/);
    const updated = (await eventsOf(asset.id)).find((event) => event.name === "asset.updated");
    expect(updated?.data).toMatchObject({ changes: { name: { before: "Old name", after: "New name" } } });
  });

  it("another tenant's staff cannot see or change the asset", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const other = await createTestTenant(db);
    const outsider = await createTestUser(db, other.tenant, "it_staff");
    expect(
      await outcome(
        asUser(db, outsider, (ctx) => changeAssetStatus(ctx, { assetId: asset.id, kind: "lost" })),
      ),
    ).toMatch(/^NOT_FOUND/);
    expect(
      await outcome(
        withTenant(db, outsider.tenantId, (trx) => getAssetDetail(trx, outsider.tenantId, asset.id)),
      ),
    ).toMatch(/^NOT_FOUND/);
    const untouched = await withPlatform(db, (trx) =>
      trx.selectFrom("assets").select("version").where("id", "=", asset.id).executeTakeFirstOrThrow(),
    );
    expect(untouched.version).toBe(1);
  });
});
