import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { openDatabase } from "@/db";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { normalizeName } from "@/server/reference/names/normalize";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { openMigratedPglite } from "../support/database";

/**
 * Row-level security is the backstop: queries here deliberately carry NO tenant filter, run in
 * tenant A's transaction, and must neither see nor change tenant B's rows. Runs on PGlite always
 * and on PostgreSQL when the suite has one.
 */
const drivers: Array<[string, () => Promise<DatabaseHandle>]> = [["PGlite", openMigratedPglite]];
const postgresUrl = inject("testDatabaseUrl");
if (postgresUrl) drivers.push(["PostgreSQL", () => openDatabase({ databaseUrl: postgresUrl, dataDir: "" })]);

describe.each(drivers)("tenant isolation on %s", (_driver, open) => {
  let handle: DatabaseHandle;
  let db: Db;
  let a: Awaited<ReturnType<typeof seedTenant>>;
  let b: Awaited<ReturnType<typeof seedTenant>>;

  async function seedTenant(label: string) {
    const { tenant, admin } = await createTestTenant(db, `Isolation ${label}`);
    await createTestUser(db, tenant, "employee");
    await withPlatform(db, async (trx) => {
      await trx
        .insertInto("departments")
        .values(
          ["Engineering", "Finance"].map((name) => ({
            tenant_id: tenant.id,
            name,
            normalized_name: normalizeName(name),
          })),
        )
        .execute();
      await trx
        .insertInto("locations")
        .values({ tenant_id: tenant.id, name: `${label} HQ`, kind: "site" })
        .execute();
      await trx
        .insertInto("invitations")
        .values({
          tenant_id: tenant.id,
          email: `inv-${tenant.id}@x.test`,
          role: "auditor",
          token_hash: `hash-${tenant.id}`,
          expires_at: new Date(Date.now() + 3600_000),
        })
        .execute();
    });
    return { tenant, admin };
  }

  beforeAll(async () => {
    handle = await open();
    db = handle.db;
    a = await seedTenant("A");
    b = await seedTenant("B");
  });
  afterAll(() => handle.close());

  const tenantTables = [
    "users",
    "departments",
    "locations",
    "invitations",
    "events",
    "event_deliveries",
    "event_chain_heads",
  ] as const;

  it.each(tenantTables)(
    "an unfiltered select on %s returns only the current tenant's rows",
    async (table) => {
      const rows = await withTenant(db, a.tenant.id, (trx) =>
        sql<{ tenant_id: string }>`select tenant_id from ${sql.table(table)}`.execute(trx),
      );
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(new Set(rows.rows.map((row) => row.tenant_id))).toEqual(new Set([a.tenant.id]));
    },
  );

  it("the tenants table shows only the current tenant", async () => {
    const rows = await withTenant(db, a.tenant.id, (trx) => trx.selectFrom("tenants").select("id").execute());
    expect(rows.map((row) => row.id)).toEqual([a.tenant.id]);
  });

  it("an unfiltered update changes only the current tenant's rows", async () => {
    const updated = await withTenant(db, a.tenant.id, (trx) =>
      trx.updateTable("departments").set({ name: "Renamed by A" }).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(2);
    const bNames = await withPlatform(db, (trx) =>
      trx
        .selectFrom("departments")
        .select("name")
        .where("tenant_id", "=", b.tenant.id)
        .orderBy("name")
        .execute(),
    );
    expect(bNames.map((row) => row.name)).toEqual(["Engineering", "Finance"]);
  });

  it("an unfiltered delete removes only the current tenant's rows", async () => {
    const deleted = await withTenant(db, a.tenant.id, (trx) =>
      trx.deleteFrom("invitations").executeTakeFirst(),
    );
    expect(Number(deleted.numDeletedRows)).toBe(1);
    const bLeft = await withPlatform(db, (trx) =>
      trx.selectFrom("invitations").select("id").where("tenant_id", "=", b.tenant.id).execute(),
    );
    expect(bLeft).toHaveLength(1);
  });

  it("a row addressed to tenant B by id is invisible and unchangeable from A", async () => {
    const bAdmin = b.admin.id;
    const seen = await withTenant(db, a.tenant.id, (trx) =>
      trx.selectFrom("users").select("id").where("id", "=", bAdmin).execute(),
    );
    expect(seen).toEqual([]);
    const updated = await withTenant(db, a.tenant.id, (trx) =>
      trx.updateTable("users").set({ name: "Hijacked" }).where("id", "=", bAdmin).executeTakeFirst(),
    );
    expect(Number(updated.numUpdatedRows)).toBe(0);
  });

  it("inserting a row for tenant B from A's context is refused", async () => {
    await expect(
      withTenant(db, a.tenant.id, (trx) =>
        trx
          .insertInto("departments")
          .values({ tenant_id: b.tenant.id, name: "Smuggled", normalized_name: "smuggled" })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("moving a row to tenant B from A's context is refused", async () => {
    await expect(
      withTenant(db, a.tenant.id, (trx) =>
        trx.updateTable("locations").set({ tenant_id: b.tenant.id }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("with no tenant set, the app role sees nothing", async () => {
    const rows = await withTenant(db, "", (trx) => trx.selectFrom("users").select("id").execute()).catch(
      () => [],
    );
    expect(rows).toEqual([]);
  });

  it("the app role cannot claim platform access by setting app.platform", async () => {
    const rows = await withTenant(db, a.tenant.id, async (trx) => {
      await sql`select set_config('app.platform', 'on', true)`.execute(trx);
      return trx.selectFrom("users").select("tenant_id").execute();
    });
    expect(new Set(rows.map((row) => row.tenant_id))).toEqual(new Set([a.tenant.id]));
  });

  it("platform tables are closed to the app role", async () => {
    await expect(
      withTenant(db, a.tenant.id, (trx) => trx.selectFrom("sign_in_attempts").selectAll().execute()),
    ).rejects.toThrow(/permission denied/);
  });

  it("the audit trail cannot be edited or deleted, even by the owner role", async () => {
    await withPlatform(db, (trx) =>
      emit(
        { db: trx, tenantId: a.tenant.id, actor: { type: "system", id: null, label: "test" } },
        { name: "settings.changed", entityId: a.tenant.id, data: { changes: {} } },
      ),
    );
    await expect(
      withTenant(db, a.tenant.id, (trx) => trx.updateTable("events").set({ name: "x" }).execute()),
    ).rejects.toThrow();
    await expect(
      withPlatform(db, (trx) =>
        trx.updateTable("events").set({ name: "x" }).where("tenant_id", "=", a.tenant.id).execute(),
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      withPlatform(db, (trx) => trx.deleteFrom("events").where("tenant_id", "=", a.tenant.id).execute()),
    ).rejects.toThrow(/immutable/);
  });

  /**
   * Search terms (db/migrations/0005-asset-indexes.ts): a policy would keep LIKE from using their
   * trigram index, so they have none; instead the app role has no privilege on them and reaches
   * them only through functions that return the current tenant's ids.
   */
  const searchTables = ["asset_search", "employee_search"];

  it.each(searchTables)("the app role cannot read %s directly", async (table) => {
    await expect(
      withTenant(db, a.tenant.id, (trx) => sql`select tenant_id from ${sql.table(table)}`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it("every table with a tenant_id column has forced row-level security and a policy", async () => {
    const tables = await sql<{ table_name: string; rls: boolean; forced: boolean; policies: number }>`
      select c.relname as table_name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
             (select count(*)::int from pg_policies p where p.tablename = c.relname and p.schemaname = 'public') as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind = 'r'
        and c.relname not in (${sql.join(searchTables)})
        and exists (select 1 from information_schema.columns col
                    where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'tenant_id')
    `.execute(db);
    expect(tables.rows.length).toBeGreaterThanOrEqual(tenantTables.length);
    for (const table of tables.rows) {
      expect({
        table: table.table_name,
        rls: table.rls,
        forced: table.forced,
        hasPolicy: table.policies > 0,
      }).toEqual({
        table: table.table_name,
        rls: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });
});
