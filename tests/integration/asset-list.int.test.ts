import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { countAssets, listAssets } from "@/server/assets/list/queries";
import type { AssetListInput } from "@/server/assets/list/schemas";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
const created: Array<{ id: string; tag: string; name: string; serial: string }> = [];

const list = (input: AssetListInput) =>
  withTenant(db, staff.tenantId, (trx) => listAssets(trx, staff.tenantId, input));
const tagsOf = async (input: AssetListInput) => (await list(input)).items.map((item) => item.tag);

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
  const assets = [
    { name: "Dell Latitude 7450", serial: "ZQ7450AAA1" },
    { name: "Dell Latitude 7450", serial: "ZQ7450AAA2" },
    { name: "Apple MacBook Pro 14", serial: "C02MBP0001" },
    { name: "Apple iPhone 15", serial: "F17IPH0001" },
    { name: "Dell UltraSharp U2723QE", serial: "CN0U272301" },
  ];
  for (const [i, asset] of assets.entries()) {
    const row = await createTestAsset(db, staff, fixtures.categoryId, {
      ...asset,
      purchaseDate: `2025-0${i + 1}-15`,
      warrantyEnd: i % 2 ? null : `2027-0${i + 1}-01`,
    });
    created.push({ id: row.id, tag: row.tag, ...asset });
  }
  const [latitude, , macbook] = created;
  await asUser(db, staff, (ctx) =>
    assignAsset(ctx, { assetId: latitude?.id ?? "", employeeId: fixtures.jane.id }),
  );
  await asUser(db, staff, (ctx) =>
    assignAsset(ctx, { assetId: macbook?.id ?? "", employeeId: fixtures.jane.id }),
  );

  // Another tenant's lookalike must never show up.
  const other = await createTestTenant(db);
  const outsider = await createTestUser(db, other.tenant, "it_staff");
  const otherFixtures = await createAssetFixtures(db, other.tenant.id);
  await createTestAsset(db, outsider, otherFixtures.categoryId, {
    name: "Dell Latitude 7450",
    serial: "ZQ7450OUT1",
  });
});
afterAll(() => handle.close());

const tagOf = (name: string, serial?: string) =>
  created.find((asset) => asset.name === name && (!serial || asset.serial === serial))?.tag ?? "";

describe("asset list search", () => {
  it("finds 3+ characters anywhere in the tag, serial or name, case-insensitively, and no other tenant's", async () => {
    expect(new Set(await tagsOf({ q: "LATITUDE" }))).toEqual(
      new Set([tagOf("Dell Latitude 7450", "ZQ7450AAA1"), tagOf("Dell Latitude 7450", "ZQ7450AAA2")]),
    );
    expect(await tagsOf({ q: "mbp0" })).toEqual([tagOf("Apple MacBook Pro 14")]);
    const tag = tagOf("Apple iPhone 15");
    expect(await tagsOf({ q: tag.slice(-5) })).toContain(tag);
    expect(await tagsOf({ q: "50_%" })).toEqual([]);
  });

  it("finds assets by their holder's name", async () => {
    const page = await list({ q: fixtures.jane.name.toLowerCase() });
    expect(new Set(page.items.map((item) => item.tag))).toEqual(
      new Set([tagOf("Dell Latitude 7450", "ZQ7450AAA1"), tagOf("Apple MacBook Pro 14")]),
    );
    expect(page.total).toBe(2);
    expect(page.items.every((item) => item.employee?.name === fixtures.jane.name)).toBe(true);
  });

  it("matches 1-2 characters at the start of a tag or serial", async () => {
    expect(new Set(await tagsOf({ q: "zq" }))).toEqual(
      new Set([tagOf("Dell Latitude 7450", "ZQ7450AAA1"), tagOf("Dell Latitude 7450", "ZQ7450AAA2")]),
    );
    expect(await tagsOf({ q: "q7" })).toEqual([]);
  });

  it("follows renames of assets and holders", async () => {
    const iphone = created.find((asset) => asset.name === "Apple iPhone 15");
    await withTenant(db, staff.tenantId, (trx) =>
      trx
        .updateTable("assets")
        .set({ name: "Apple iPhone 16e" })
        .where("id", "=", iphone?.id ?? "")
        .execute(),
    );
    expect(await tagsOf({ q: "iphone 16e" })).toEqual([iphone?.tag]);
    expect(await tagsOf({ q: "iphone 15" })).toEqual([]);
    await withTenant(db, staff.tenantId, (trx) =>
      trx
        .updateTable("employees")
        .set({ last_name: "Zimmermann" })
        .where("id", "=", fixtures.jane.id)
        .execute(),
    );
    expect(await tagsOf({ q: "zimmermann" })).toHaveLength(2);
  });

  it("combines search with the other filters", async () => {
    expect(await tagsOf({ q: "latitude", kinds: ["assigned"] })).toEqual([
      tagOf("Dell Latitude 7450", "ZQ7450AAA1"),
    ]);
    expect(await tagsOf({ q: "latitude", kinds: ["in_stock"] })).toEqual([
      tagOf("Dell Latitude 7450", "ZQ7450AAA2"),
    ]);
    expect(await list({ q: "latitude", kinds: ["lost"] })).toMatchObject({ items: [], total: 0 });
  });
});

describe("asset list filters and order", () => {
  it("filters by kind and status id together", async () => {
    const assigned = fixtures.statusOf("assigned");
    expect((await list({ kinds: ["assigned"] })).total).toBe(2);
    expect((await list({ kinds: ["assigned"], statusIds: [assigned] })).total).toBe(2);
    expect((await list({ kinds: ["in_stock"], statusIds: [assigned] })).total).toBe(0);
    expect(
      await withTenant(db, staff.tenantId, (trx) =>
        countAssets(trx, staff.tenantId, { kinds: ["in_stock"] }),
      ),
    ).toBe(3);
  });

  it("sorts both ways, assets without a warranty last going up and first going down", async () => {
    const byPurchase = [...created].sort((a, b) => a.tag.localeCompare(b.tag)).map((asset) => asset.tag);
    expect(await tagsOf({ sort: "purchase_date", dir: "asc" })).toEqual(byPurchase);
    expect(await tagsOf({ sort: "tag", dir: "desc" })).toEqual([...byPurchase].reverse());
    const warranty = await tagsOf({ sort: "warranty_end", dir: "asc" });
    expect(warranty.slice(0, 3)).toEqual([byPurchase[0], byPurchase[2], byPurchase[4]]);
    const warrantyDesc = await tagsOf({ sort: "warranty_end", dir: "desc" });
    expect(warrantyDesc.slice(2)).toEqual([byPurchase[4], byPurchase[2], byPurchase[0]]);
  });

  it("pages through a search matching more than it fetches as ids", async () => {
    await withPlatform(db, (trx) =>
      sql`insert into assets (tenant_id, tag, name, category_id, status_id, created_at)
          select ${staff.tenantId}::uuid, 'BULK-' || lpad(g::text, 5, '0'), 'Spare dock ' || g, ${fixtures.categoryId}::uuid,
                 ${fixtures.statusOf("in_stock")}::uuid, now() - g * interval '1 minute'
            from generate_series(1, 2100) g`.execute(trx),
    );
    const first = await list({ q: "spare dock", sort: "tag", dir: "asc", pageSize: 200 });
    expect(first).toMatchObject({ total: 2100, totalIsCapped: false });
    expect(first.items[0]?.tag).toBe("BULK-00001");
    const last = await list({ q: "spare dock", sort: "tag", dir: "asc", pageSize: 200, page: 11 });
    expect(last.items.map((item) => item.tag)).toEqual(
      Array.from({ length: 100 }, (_, i) => `BULK-${String(2001 + i).padStart(5, "0")}`),
    );
    expect((await list({ q: "spare dock", kinds: ["in_stock"] })).total).toBe(2100);
    expect((await list({ q: "spare dock", kinds: ["assigned"] })).total).toBe(0);
    expect((await list({ q: "bu" })).total).toBe(2100);
  });
});
