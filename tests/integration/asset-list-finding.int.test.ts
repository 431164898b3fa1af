import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getAssetDetail } from "@/server/assets/detail";
import { listAssets } from "@/server/assets/list/queries";
import type { AssetListInput } from "@/server/assets/list/schemas";
import { exportAssetsCsv } from "@/server/assets/list/services/export-assets-csv";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const listAs = (user: TestUser, input: AssetListInput) =>
  withTenant(db, user.tenantId, (trx) => listAssets(trx, user.tenantId, input));

async function insertLocation(tenantId: string, name: string, kind: string, parentId: string | null = null) {
  const row = await withPlatform(db, (trx) =>
    trx
      .insertInto("locations")
      .values({ tenant_id: tenantId, name, kind, parent_id: parentId })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

describe("the asset list's location column", () => {
  it("shows the path where the leaf's name alone is ambiguous, and the name where it is not", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const { categoryId } = await createAssetFixtures(db, tenant.id);
    const hq = await insertLocation(tenant.id, "San Francisco HQ", "site");
    const buildingA = await insertLocation(tenant.id, "Building A", "building", hq);
    const buildingB = await insertLocation(tenant.id, "Building B", "building", hq);
    const floorA = await insertLocation(tenant.id, "Floor 3", "floor", buildingA);
    const floorB = await insertLocation(tenant.id, "floor 3", "floor", buildingB);
    const lab = await insertLocation(tenant.id, "Hardware lab", "room", floorA);
    for (const [name, locationId] of [
      ["On floor A", floorA],
      ["On floor B", floorB],
      ["In the lab", lab],
    ] as const) {
      await createTestAsset(db, staff, categoryId, { name, locationId });
    }
    const page = await listAs(staff, { sort: "name", dir: "asc" });
    expect(page.items.map((item) => [item.name, item.location])).toEqual([
      ["In the lab", "Hardware lab"],
      ["On floor A", "San Francisco HQ › Building A › Floor 3"],
      ["On floor B", "San Francisco HQ › Building B › floor 3"],
    ]);

    // So does the asset's own page.
    const onFloorA = page.items.find((item) => item.name === "On floor A");
    const detail = await withTenant(db, staff.tenantId, (trx) =>
      getAssetDetail(trx, staff.tenantId, onFloorA?.id ?? ""),
    );
    expect(detail.location?.name).toBe("San Francisco HQ › Building A › Floor 3");

    // The export names them the same way, which the import reads back to the same location.
    const { stream } = await exportAssetsCsv(db, staff, { sort: "name", dir: "asc" });
    const [header, ...rows] = (await new Response(stream).text()).trimEnd().split("\r\n");
    const location = header?.split(",").indexOf("Location") ?? -1;
    expect(rows.map((row) => row.split(",")[location])).toEqual([
      "Hardware lab",
      "San Francisco HQ › Building A › Floor 3",
      "San Francisco HQ › Building B › floor 3",
    ]);
  });
});

describe("the asset list's order", () => {
  it("keeps rows created together in one order, each exactly once across pages", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const { categoryId } = await createAssetFixtures(db, tenant.id);
    for (let i = 0; i < 12; i++) await createTestAsset(db, staff, categoryId, { name: `Batch ${i}` });
    // As an import writes them: one instant for the whole batch.
    await withPlatform(db, (trx) =>
      trx
        .updateTable("assets")
        .set({ created_at: new Date("2026-01-01T00:00:00Z") })
        .where("tenant_id", "=", tenant.id)
        .execute(),
    );
    const pages = [];
    for (const page of [1, 2]) {
      pages.push(...(await listAs(staff, { page, pageSize: 10 })).items.map((item) => item.id));
    }
    expect(new Set(pages).size).toBe(12);
    const again = (await listAs(staff, { pageSize: 10 })).items.map((item) => item.id);
    expect(again).toEqual(pages.slice(0, 10));
  });
});
