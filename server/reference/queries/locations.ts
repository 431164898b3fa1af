import { sql } from "kysely";
import type { Executor } from "../../db";
import { arrangeTree, type LocationKind } from "../location-tree";
import type { ListOptions } from "../schemas/common";
import type { LocationListItem, LocationTreeNode } from "../schemas/locations";

export async function listLocations(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<LocationListItem[]> {
  const rows = await db
    .selectFrom("locations")
    .select(["id", "name", "kind", "code", "parent_id", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
    .orderBy("name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as LocationKind,
    code: row.code,
    parentId: row.parent_id,
    archivedAt: row.archived_at,
  }));
}

/**
 * The location tree with how many assets, employees and sub-locations (archived ones included)
 * each node holds directly: one query with grouped counts (no query per node), arranged depth first.
 */
export async function locationTree(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<LocationTreeNode[]> {
  const rows = await db
    .selectFrom("locations")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("assets")
          .select(["location_id", (count) => count.fn.countAll<string>().as("count")])
          .where("tenant_id", "=", tenantId)
          .where("location_id", "is not", null)
          .groupBy("location_id")
          .as("assets"),
      (join) => join.onRef("assets.location_id", "=", "locations.id"),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("employees")
          .select(["location_id", (count) => count.fn.countAll<string>().as("count")])
          .where("tenant_id", "=", tenantId)
          .where("location_id", "is not", null)
          .groupBy("location_id")
          .as("employees"),
      (join) => join.onRef("employees.location_id", "=", "locations.id"),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("locations as child")
          .select(["child.parent_id", (count) => count.fn.countAll<string>().as("count")])
          .where("child.tenant_id", "=", tenantId)
          .where("child.parent_id", "is not", null)
          .groupBy("child.parent_id")
          .as("children"),
      (join) => join.onRef("children.parent_id", "=", "locations.id"),
    )
    .select([
      "locations.id",
      "locations.name",
      "locations.kind",
      "locations.code",
      "locations.parent_id",
      "locations.archived_at",
      "assets.count as asset_count",
      "employees.count as employee_count",
      "children.count as child_count",
    ])
    .where("locations.tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) => qb.where("locations.archived_at", "is", null))
    .execute();
  return arrangeTree(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind as LocationKind,
      code: row.code,
      parentId: row.parent_id,
      archivedAt: row.archived_at,
      assetCount: Number(row.asset_count ?? 0),
      employeeCount: Number(row.employee_count ?? 0),
      childCount: Number(row.child_count ?? 0),
    })),
  );
}

/** A location of the tenant, locked for the rest of the transaction. */
export async function lockLocation(db: Executor, tenantId: string, id: string) {
  const row = await db
    .selectFrom("locations")
    .select(["id", "name", "kind", "code", "parent_id", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return row ? { ...row, kind: row.kind as LocationKind } : undefined;
}

/** The ids of a location and everything below it. */
export async function subtreeIds(db: Executor, tenantId: string, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive subtree as (
      select id from locations where tenant_id = ${tenantId} and id = ${id}
      union
      select child.id from locations child join subtree on child.parent_id = subtree.id
      where child.tenant_id = ${tenantId}
    )
    select id from subtree`.execute(db);
  return result.rows.map((row) => row.id);
}

/** Location tree changes (move, delete, re-kind) run one at a time per tenant, so no cycle slips in. */
export async function lockLocationTree(db: Executor, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`locations:${tenantId}`}))`.execute(db);
}

/** What a location holds directly: assets, employees, sub-locations and physical audits. */
export async function locationContents(db: Executor, tenantId: string, id: string) {
  const count = (table: "assets" | "employees" | "asset_audits") =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("tenant_id", "=", tenantId)
      .where("location_id", "=", id)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count));
  const [assets, employees, audits, children] = await Promise.all([
    count("assets"),
    count("employees"),
    count("asset_audits"),
    db
      .selectFrom("locations")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("tenant_id", "=", tenantId)
      .where("parent_id", "=", id)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.count)),
  ]);
  return { assets, employees, audits, children };
}
