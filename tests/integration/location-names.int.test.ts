import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { importProblemsPage } from "@/server/assets/import/queries";
import type { Db } from "@/server/db";
import { createLocation } from "@/server/reference/locations/services/create-location";
import { moveLocation } from "@/server/reference/locations/services/move-location";
import { setLocationArchived } from "@/server/reference/locations/services/set-location-archived";
import { updateLocation } from "@/server/reference/locations/services/update-location";
import { createAssetFixtures } from "../factories/assets";
import { dryRunImport } from "../factories/imports";
import { referenceTenant, refusal } from "../factories/reference";
import { createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

async function twoSites() {
  const t = await referenceTenant(db);
  const site = (name: string) =>
    t.as((scope) => createLocation(scope, { name, kind: "site", parentId: null }));
  const floor = (name: string, parentId: string) =>
    t.as((scope) => createLocation(scope, { name, kind: "floor", parentId }));
  const paris = await site("Paris");
  const lyon = await site("Lyon");
  return { t, paris, lyon, floor };
}

describe("location names", () => {
  it("refuses a duplicate under the same parent, matched like other reference data, naming the existing one", async () => {
    const { t, paris, floor } = await twoSites();
    const first = await floor("Floor 3", paris.id);
    const refused = await refusal(floor("  floor   3 ", paris.id));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: "A location named Floor 3 already exists in Paris. Use it, or choose another name.",
      details: { existingId: first.id, existingName: "Floor 3" },
    });
    const topLevel = await refusal(
      t.as((scope) => createLocation(scope, { name: "PARIS", kind: "site", parentId: null })),
    );
    expect(topLevel.message).toBe(
      "A location named Paris already exists at the top of the tree. Use it, or choose another name.",
    );
  });

  it("allows the same name under another parent, and refuses one by renaming, moving or beside an archived one", async () => {
    const { t, paris, lyon, floor } = await twoSites();
    const parisFloor = await floor("Floor 1", paris.id);
    const lyonFloor = await floor("Floor 1", lyon.id);
    const other = await floor("Floor 2", paris.id);

    const renamed = await refusal(t.as((scope) => updateLocation(scope, { id: other.id, name: "floor 1" })));
    expect(renamed).toMatchObject({ code: "CONFLICT", details: { existingId: parisFloor.id } });
    await t.as((scope) => updateLocation(scope, { id: parisFloor.id, name: "FLOOR 1" }));

    const moved = await refusal(
      t.as((scope) => moveLocation(scope, { id: lyonFloor.id, parentId: paris.id })),
    );
    expect(moved).toMatchObject({ code: "CONFLICT", details: { existingId: parisFloor.id } });

    await t.as((scope) => setLocationArchived(scope, { id: other.id }, true));
    const archived = await refusal(floor("Floor 2", paris.id));
    expect(archived.message).toContain("It is archived; unarchive it to use it again.");
  });

  it("lets the CSV import tell same-named locations apart by their path, and name a unique one alone", async () => {
    const { t, paris, lyon, floor } = await twoSites();
    await floor("Stock room", paris.id);
    await floor("Stock room", lyon.id);
    await floor("Loading dock", lyon.id);
    const staff = await createTestUser(db, t.tenant, "it_staff");
    const { categoryName } = await createAssetFixtures(db, t.tenantId);
    const tag = () => `LOC-${randomUUID().slice(0, 8)}`;
    const csv = [
      "Tag,Name,Category,Location",
      `${tag()},Laptop,${categoryName},Stock room`,
      `${tag()},Laptop,${categoryName},Paris › Stock room`,
      `${tag()},Laptop,${categoryName},lyon / stock ROOM`,
      `${tag()},Laptop,${categoryName},Loading dock`,
    ].join("\n");
    const dryRun = await dryRunImport(db, staff, csv);
    const problems = await t.sql((trx) =>
      importProblemsPage(trx, t.tenantId, { importId: dryRun.id, page: 1, pageSize: 50 }),
    );
    expect(problems.items.map((problem) => [problem.line, problem.code, problem.message])).toEqual([
      [
        2,
        "ambiguous_reference",
        '"Stock room" matches 2 locations; write its path, like "Site › Building › Stock room", or its code.',
      ],
    ]);
  });
});
