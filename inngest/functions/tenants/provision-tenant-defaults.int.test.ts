import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { createTestTenant } from "@/tests/factories/tenants";
import { useTestDatabase } from "@/tests/support/database";
import { type EngineHarness, startEngineHarness } from "@/tests/support/engine-harness";
import { waitFor } from "@/tests/support/wait-for";
import { createTenantFunction } from "../tenant-function";
import { provisionTenantDefaultsFn, provisionTenantDefaultsFunction } from "./provision-tenant-defaults";

const starterData = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, async (trx) => ({
    locations: (await trx.selectFrom("locations").select(["name", "kind"]).execute()).map(
      (l) => `${l.kind}:${l.name}`,
    ),
    departments: (await trx.selectFrom("departments").select("name").execute()).map((d) => d.name),
    categories: (
      await trx.selectFrom("categories").select(["name", "depreciation_months"]).orderBy("name").execute()
    ).map((c) => `${c.name}:${c.depreciation_months}`),
  }));

const starterCategories = ["Laptops:36", "Monitors:60", "Peripherals:24", "Phones:24"];
const createdCategories = [
  "category:Laptops",
  "category:Monitors",
  "category:Phones",
  "category:Peripherals",
];

const tenantCreatedEvent = (tenantId: string) => ({
  id: randomUUID(),
  name: "tenant.created",
  data: {
    tenantId,
    seq: 1,
    actor: { type: "system", id: null, label: "test" },
    entity: { type: "tenant", id: tenantId },
    data: { name: "T", slug: "t" },
    occurredAt: new Date().toISOString(),
  },
});

describe("provision-tenant-defaults (@inngest/test)", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await useTestDatabase();
  });
  afterAll(() => handle.close());

  it("gives a new tenant a Headquarters site, an IT Department and starter categories, once", async () => {
    const { tenant } = await createTestTenant(handle.db);
    const t = new InngestTestEngine({
      function: provisionTenantDefaultsFn,
      events: [tenantCreatedEvent(tenant.id)] as never,
    });
    const first = await t.execute();
    expect(first.result).toEqual({
      created: ["location:Headquarters", "department:IT Department", ...createdCategories],
    });
    expect(await starterData(handle.db, tenant.id)).toEqual({
      locations: ["site:Headquarters"],
      departments: ["IT Department"],
      categories: starterCategories,
    });

    // a second delivery of the same event (a fresh run: no memoized step state)
    const second = await new InngestTestEngine({
      function: provisionTenantDefaultsFn,
      events: [tenantCreatedEvent(tenant.id)] as never,
    }).execute();
    expect(second.result).toEqual({ created: [] });
    expect(await starterData(handle.db, tenant.id)).toEqual({
      locations: ["site:Headquarters"],
      departments: ["IT Department"],
      categories: starterCategories,
    });
  });

  it("leaves a tenant that already has reference data alone", async () => {
    const { tenant } = await createTestTenant(handle.db);
    await withPlatform(handle.db, async (trx) => {
      await trx
        .insertInto("locations")
        .values({ tenant_id: tenant.id, name: "Main Office", kind: "site" })
        .execute();
      await trx
        .insertInto("categories")
        .values({
          tenant_id: tenant.id,
          name: "Servers",
          normalized_name: "servers",
          depreciation_months: 48,
        })
        .execute();
    });
    const t = new InngestTestEngine({
      function: provisionTenantDefaultsFn,
      events: [tenantCreatedEvent(tenant.id)] as never,
    });
    const { result } = await t.execute();
    expect(result).toEqual({ created: ["department:IT Department"] });
    const data = await starterData(handle.db, tenant.id);
    expect(data.locations).toEqual(["site:Main Office"]);
    expect(data.categories).toEqual(["Servers:48"]);
  });

  it("refuses an event without a tenant", async () => {
    const t = new InngestTestEngine({
      function: provisionTenantDefaultsFn,
      events: [{ name: "tenant.created", data: {} }] as never,
    });
    const { error } = await t.execute();
    expect(String((error as Error)?.message ?? error)).toMatch(/tenantId/);
  });
});

describe("provision-tenant-defaults end to end in the embedded engine", () => {
  let harness: EngineHarness;
  beforeAll(async () => {
    harness = await startEngineHarness((client) => [
      createTenantFunction(client, provisionTenantDefaultsFunction),
    ]);
    useDatabase({ db: harness.db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  it("a committed sign-up runs the function and its effect is visible, with an audit trail", async () => {
    const { tenant } = await createTestTenant(harness.db);
    harness.wake();
    const data = await waitFor("starter reference data", async () => {
      const current = await starterData(harness.db, tenant.id);
      return current.locations.length > 0 && current.departments.length > 0 ? current : undefined;
    });
    expect(data).toEqual({
      locations: ["site:Headquarters"],
      departments: ["IT Department"],
      categories: starterCategories,
    });
    const run = await waitFor("the run to complete", async () => {
      const [current] = await harness.runsFor("provision-tenant-defaults");
      return current?.status === "completed" ? current : undefined;
    });
    expect(run.output).toEqual({
      created: ["location:Headquarters", "department:IT Department", ...createdCategories],
    });
    const names = await withTenant(harness.db, tenant.id, (trx) =>
      trx.selectFrom("events").select("name").orderBy("seq").execute(),
    );
    expect(names.map((row) => row.name)).toEqual([
      "tenant.created",
      "user.created",
      "location.created",
      "department.created",
      "category.created",
      "category.created",
      "category.created",
      "category.created",
    ]);
  });
});
