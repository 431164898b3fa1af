import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { seedDemo } from "@/db/seed";
import { getAssetHistory } from "@/server/assets/detail";
import { listAssets } from "@/server/assets/list";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withPlatform, withTenant } from "@/server/db";
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

  it("gives every asset a purchase, and the recent happenings their events", async () => {
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

    const events = await asTenant((trx) =>
      trx.selectFrom("events").select(["id", "name", "entity_id"]).orderBy("seq").execute(),
    );
    expect(events.map((event) => event.name)).toEqual([
      "tenant.created",
      "user.created",
      "user.created",
      "user.created",
      "user.created",
      "employee.terminated",
      "asset.status_changed",
      "asset.returned",
      "employee.created",
      "asset.assigned",
      "tenant.demo_seeded",
    ]);
    const assigned = events.find((event) => event.name === "asset.assigned");
    const history = await asTenant((trx) => getAssetHistory(trx, tenantId, assigned?.entity_id ?? ""));
    expect(history.map((entry) => entry.type)).toEqual(["assignment", "purchase"]);
    const linked = await asTenant((trx) =>
      trx.selectFrom("asset_transactions").select("event_id").where("event_id", "is not", null).execute(),
    );
    expect(linked.map((row) => row.event_id).sort()).toEqual(
      events
        .filter((event) => event.name.startsWith("asset."))
        .map((event) => event.id)
        .sort(),
    );
  });

  it("keeps the audit chain intact", async () => {
    const result = await asTenant((trx) => verifyAuditChain(trx, tenantId));
    expect(result).toMatchObject({ ok: true, checked: 11 });
  });
});
