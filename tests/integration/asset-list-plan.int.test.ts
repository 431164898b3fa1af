import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listAssets } from "@/server/assets/list/queries";
import { type Db, withTenant } from "@/server/db";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/*
 * The list's plan once statistics know one tenant is large. With fresh statistics the planner
 * expected a single row from a small tenant's assets joined to its statuses, and so ran the page
 * sub-select once per asset of the tenant (200 times for 200 assets): after the embedded
 * database's maintenance analyzed the table mid-import, another tenant's list statement took three
 * times as long. A database of its own, so the statistics are only these two tenants'.
 */

let handle: DatabaseHandle;
let db: Db;
let small: { tenantId: string };

/**
 * Adds `count` copies of the asset `templateId` to its tenant, with their own tags, in the status
 * of kind `kind` (the template's when null).
 */
async function addCopies(
  tenantId: string,
  templateId: string,
  count: number,
  prefix: string,
  kind: string | null,
) {
  await withTenant(db, tenantId, (trx) =>
    sql`insert into assets (tenant_id, tag, name, category_id, status_id)
        select a.tenant_id, ${prefix} || g, a.name, a.category_id,
               coalesce((select s.id from statuses s where s.tenant_id = a.tenant_id and s.kind = ${kind}::text limit 1),
                        a.status_id)
          from assets a cross join generate_series(1, ${count}::int) g
         where a.id = ${templateId}`.execute(trx),
  );
}

/** A tenant with `count` assets, `assigned` of them assigned, the rest in stock like the first. */
async function tenantWithAssets(count: number, prefix: string, assigned = 0) {
  const { tenant } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  const template = await createTestAsset(db, staff, categoryId);
  await addCopies(tenant.id, template.id, count - 1 - assigned, prefix, null);
  if (assigned > 0) await addCopies(tenant.id, template.id, assigned, `${prefix}A-`, "assigned");
  return { tenantId: tenant.id };
}

beforeAll(async () => {
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  await tenantWithAssets(20_000, "BIG-", 2_000);
  small = await tenantWithAssets(200, "SMALL-");
  // Only the table that grew, as autovacuum and the embedded database's maintenance do: statuses,
  // small and unchanged, are never analyzed.
  await sql`analyze assets`.execute(db);
}, 120_000);
afterAll(() => handle.close());

describe("the asset list beside a large tenant", () => {
  it("reads a small tenant's page once, not once per asset of the tenant", async () => {
    const { page, read } = await withTenant(db, small.tenantId, async (trx) => {
      // Index entries of assets read in this session and not yet reported to the statistics:
      // what listAssets adds is its own.
      const entriesRead = async () => {
        const { rows } = await sql<{ entries: number }>`
          select coalesce(sum(pg_stat_get_xact_tuples_returned(indexrelid)), 0)::int as entries
            from pg_index where indrelid = 'assets'::regclass`.execute(trx);
        return rows[0]?.entries ?? 0;
      };
      const before = await entriesRead();
      const page = await listAssets(trx, small.tenantId, {});
      return { page, read: (await entriesRead()) - before };
    });
    expect(page.total).toBe(200);
    expect(page.items).toHaveLength(50);
    // the page (200 read for 50), the count (200) and the rows by id (50); 40,400 with the old plan
    expect(read).toBeLessThan(2_000);
  });
});
