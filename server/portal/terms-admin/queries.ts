import { sql } from "kysely";
import type { Executor } from "../../db";

/**
 * Every scope with terms of its own (the default first, then categories by name), each with its
 * current version, how many versions it has had and how many receipts were signed under it.
 */
export async function termsOverview(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("equipment_terms as t")
    .leftJoin("categories as c", "c.id", "t.category_id")
    .select([
      "t.id",
      "t.category_id as categoryId",
      "c.name as category",
      "t.version",
      "t.body",
      "t.created_by_label as createdBy",
      "t.created_at as createdAt",
      sql<number>`count(*) over (partition by t.category_id)`.as("versions"),
      sql<number>`(select count(*) from asset_receipts r
        where r.tenant_id = t.tenant_id and r.status = 'accepted'
          and r.terms_id in (select id from equipment_terms o
            where o.tenant_id = t.tenant_id and o.category_id is not distinct from t.category_id))`.as(
        "acceptances",
      ),
      sql<boolean>`t.version = max(t.version) over (partition by t.category_id)`.as("isCurrent"),
    ])
    .where("t.tenant_id", "=", tenantId)
    .execute();
  return rows
    .filter((row) => row.isCurrent)
    .sort((a, b) =>
      a.categoryId === null
        ? -1
        : b.categoryId === null
          ? 1
          : (a.category ?? "").localeCompare(b.category ?? ""),
    )
    .map((row) => ({
      categoryId: row.categoryId,
      category: row.category,
      current: {
        id: row.id,
        version: row.version,
        body: row.body,
        createdBy: row.createdBy,
        createdAt: new Date(row.createdAt),
      },
      versions: Number(row.versions),
      acceptances: Number(row.acceptances),
    }));
}

/** Every version of one scope's terms, newest first. */
export async function termsHistory(db: Executor, tenantId: string, categoryId: string | null) {
  const rows = await db
    .selectFrom("equipment_terms")
    .select(["id", "version", "body", "created_by_label as createdBy", "created_at as createdAt"])
    .where("tenant_id", "=", tenantId)
    .where((eb) => (categoryId ? eb("category_id", "=", categoryId) : eb("category_id", "is", null)))
    .orderBy("version", "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}
