import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { demoLicenses } from "@/db/demo/licenses";
import { seedDemo } from "@/db/seed";
import { getAssetHistory } from "@/server/assets/detail";
import { listAssets } from "@/server/assets/list/queries";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { employeeKeyring } from "@/server/employees/process-keyring";
import { listEmployees } from "@/server/employees/queries";
import { openAll, sealedColumnNames } from "@/server/employees/sensitive-fields";
import { listEmployeeTimeline } from "@/server/employees/timeline";
import { listLicenses } from "@/server/licenses/queries";
import { defaultTemplates } from "@/server/workflows/default-templates";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let tenantId: string;
let seededInMs: number;

beforeAll(async () => {
  // Its own database: the demo logins are unique across tenants.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  const started = performance.now();
  expect(await seedDemo(db)).toBe(true);
  seededInMs = performance.now() - started;
  const tenant = await withPlatform(db, (trx) =>
    trx.selectFrom("tenants").select("id").where("slug", "=", "acme-corp").executeTakeFirstOrThrow(),
  );
  tenantId = tenant.id;
}, 120_000);
afterAll(() => handle.close());

const asTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, tenantId, fn);

describe("demo seed", () => {
  it("seeds Acme once, quickly; a second run changes nothing", async () => {
    console.info(`demo seeded in ${Math.round(seededInMs)} ms (${handle.driver})`);
    expect(seededInMs).toBeLessThan(10_000);
    expect(await seedDemo(db)).toBe(false);
    const counts = await asTenant((trx) =>
      sql<{ assets: number; employees: number; users: number }>`
        select (select count(*) from assets)::int as assets, (select count(*) from employees)::int as employees,
               (select count(*) from users)::int as users`.execute(trx),
    );
    expect(counts.rows[0]).toEqual({ assets: 2000, employees: 300, users: 4 });
  });

  it("gives every person sealed personal data, and the employee list its recent hires and leavers with kit", async () => {
    const sealed = await asTenant((trx) =>
      trx
        .selectFrom("employees")
        .select(["id", "data_key_id", ...sealedColumnNames])
        .execute(),
    );
    expect(sealed.filter((row) => row.data_key_id === "test1")).toHaveLength(300);
    expect(sealed.every((row) => row.phone_sealed?.startsWith("v1:test1:"))).toBe(true);
    const [first] = sealed;
    if (!first) throw new Error("no employees seeded");
    const opened = openAll(employeeKeyring(), tenantId, first.id, first);
    expect(opened.nationalId).toMatch(/^(9\d\d-\d\d-\d{4}|QQ \d\d \d\d \d\d [A-D])$/);
    const list = (view: "hired_recently" | "terminated_with_assets") =>
      asTenant((trx) =>
        listEmployees(trx, tenantId, { view, sort: "name", direction: "asc", page: 1, pageSize: 50 }),
      );
    expect((await list("hired_recently")).total).toBeGreaterThanOrEqual(12);
    expect((await list("terminated_with_assets")).total).toBeGreaterThanOrEqual(1);
  });

  it("lists the assets through the app's query, in every status", async () => {
    const page = await asTenant((trx) => listAssets(trx, tenantId, {}));
    expect(page.total).toBe(2000);
    expect(page.items[0]?.tag).toBe("AST-002000");
    for (const kind of [
      "on_order",
      "in_stock",
      "assigned",
      "in_repair",
      "lost",
      "stolen",
      "retired",
      "disposed",
    ]) {
      const filtered = await asTenant((trx) =>
        listAssets(trx, tenantId, { kinds: [kind as "assigned"], pageSize: 10 }),
      );
      expect(filtered.total, kind).toBeGreaterThan(0);
    }
    const expiring = await asTenant((trx) => listAssets(trx, tenantId, { warrantyExpiringDays: 30 }));
    expect(expiring.total).toBeGreaterThan(0);
  });

  it("links employee@acme.test to an employee record holding two assets", async () => {
    const held = await asTenant((trx) =>
      trx
        .selectFrom("employees")
        .innerJoin("users", "users.id", "employees.user_id")
        .innerJoin("assets", "assets.employee_id", "employees.id")
        .select(["assets.name", "employees.display_name"])
        .where("users.email", "=", "employee@acme.test")
        .orderBy("assets.tag")
        .execute(),
    );
    expect(held.map((row) => row.name).sort()).toEqual(["Apple MacBook Air 13", "Apple iPhone 15"]);
    expect(held[0]?.display_name).toBe("Emery Employee");
  });

  it("gives every asset a purchase", async () => {
    const withoutPurchase = await asTenant((trx) =>
      trx
        .selectFrom("assets")
        .select("tag")
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("asset_transactions as t")
                .select("t.id")
                .whereRef("t.asset_id", "=", "assets.id")
                .where("t.type", "=", "purchase"),
            ),
          ),
        )
        .execute(),
    );
    expect(withoutPurchase).toEqual([]);
  });

  it("records every history entry with its event, about its asset, at its time", async () => {
    const unmatched = await asTenant((trx) =>
      sql<{ n: number }>`
        select count(*)::int as n from asset_transactions t
        left join events e on e.id = t.event_id
        where e.id is null or e.entity_id <> t.asset_id::text or e.occurred_at <> t.occurred_at`.execute(trx),
    );
    const entries = await asTenant((trx) =>
      sql<{ n: number }>`select count(*)::int as n from asset_transactions`.execute(trx),
    );
    expect(entries.rows[0]?.n).toBeGreaterThan(4000);
    expect(unmatched.rows[0]?.n).toBe(0);
    const seeded = await asTenant((trx) =>
      trx
        .selectFrom("events")
        .select("data")
        .where("name", "=", "tenant.demo_seeded")
        .executeTakeFirstOrThrow(),
    );
    expect(seeded.data).toMatchObject({ assetTransactions: entries.rows[0]?.n });
  });

  it("tells the story in time order, and leaves only what happens now to automation", async () => {
    const events = await asTenant((trx) =>
      trx.selectFrom("events").select(["seq", "name", "occurred_at"]).orderBy("seq").execute(),
    );
    const story = events.filter((event) => !["tenant.created", "user.created"].includes(event.name));
    for (const [index, event] of story.entries()) {
      const previous = story[index - 1];
      if (previous)
        expect(event.occurred_at.getTime()).toBeGreaterThanOrEqual(previous.occurred_at.getTime());
    }
    const pending = await asTenant((trx) =>
      trx
        .selectFrom("event_deliveries as d")
        .innerJoin("events as e", "e.id", "d.event_id")
        .select("e.name")
        .where("d.status", "=", "pending")
        .where("e.name", "not in", ["tenant.created", "user.created"])
        .orderBy("e.seq")
        .execute(),
    );
    expect(pending.map((event) => event.name)).toEqual([
      "employee.terminated",
      "employee.created",
      "asset.status_changed",
      "asset.returned",
      "asset.assigned",
      ...defaultTemplates.map(() => "workflow_template.created"),
      ...demoLicenses.flatMap((seed) => [
        "license.created",
        ...Array.from({ length: seed.holders.count }, () => "license.assigned"),
      ]),
      "tenant.demo_seeded",
    ]);
    const assigned = await asTenant((trx) =>
      trx
        .selectFrom("events")
        .select("entity_id")
        .where("name", "=", "asset.assigned")
        .orderBy("seq", "desc")
        .executeTakeFirstOrThrow(),
    );
    const history = await asTenant((trx) => getAssetHistory(trx, tenantId, assigned.entity_id));
    expect(history.map((entry) => entry.type)).toEqual(["assignment", "purchase"]);
  });

  it("shows a seeded employee's equipment in their history", async () => {
    const emery = await asTenant((trx) =>
      trx
        .selectFrom("employees")
        .innerJoin("users", "users.id", "employees.user_id")
        .select("employees.id")
        .where("users.email", "=", "employee@acme.test")
        .executeTakeFirstOrThrow(),
    );
    const history = await asTenant((trx) => listEmployeeTimeline(trx, tenantId, emery.id, 50));
    const held = await asTenant((trx) =>
      trx.selectFrom("assets").select("id").where("employee_id", "=", emery.id).execute(),
    );
    const assignedToHer = history
      .filter((entry) => entry.name === "asset.assigned")
      .map((entry) => entry.entity.id);
    expect(held).toHaveLength(2);
    for (const asset of held) expect(assignedToHer).toContain(asset.id);
    expect(history.at(-1)?.name).toBe("employee.created");
  });

  it("gives Acme its software licences, their seats held and shown in each holder's history", async () => {
    const { items } = await asTenant((trx) => listLicenses(trx, tenantId, {}));
    expect(items.map((license) => [license.name, license.seatsUsed])).toEqual(
      [...demoLicenses]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((seed) => [seed.name, seed.holders.count]),
    );
    const holder = await asTenant((trx) =>
      trx
        .selectFrom("license_assignments")
        .select("employee_id")
        .where("revoked_at", "is", null)
        .executeTakeFirstOrThrow(),
    );
    const history = await asTenant((trx) => listEmployeeTimeline(trx, tenantId, holder.employee_id, 50));
    expect(history.map((entry) => entry.name)).toContain("license.assigned");
  });

  it("keeps the audit chain intact", async () => {
    const result = await asTenant((trx) => verifyAuditChain(trx, tenantId));
    const events = await asTenant((trx) =>
      sql<{ n: number }>`select count(*)::int as n from events`.execute(trx),
    );
    expect(result).toMatchObject({ ok: true, checked: events.rows[0]?.n });
  });
});
