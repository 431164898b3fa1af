import { sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { can, hasRole, type TenantRole } from "../../roles";
import type { ListOptions } from "../schemas";
import { usageCounts } from "../usage-counts";
import { locationNameKey } from "./location-names";
import { arrangeTree, type LocationKind } from "./location-tree";
import type { LocationListItem, LocationTreeNode } from "./schemas";

const contactOf = (row: { contact_id: string | null; contact_name: string | null }) =>
  row.contact_id ? { id: row.contact_id, name: row.contact_name ?? "" } : null;

export async function listLocations(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<LocationListItem[]> {
  const rows = await db
    .selectFrom("locations")
    .leftJoin("users as contact", "contact.id", "locations.it_contact_user_id")
    .select([
      "locations.id",
      "locations.name",
      "locations.kind",
      "locations.code",
      "locations.parent_id",
      "locations.archived_at",
      "contact.id as contact_id",
      "contact.name as contact_name",
    ])
    .where("locations.tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) => qb.where("locations.archived_at", "is", null))
    .orderBy("locations.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind as LocationKind,
    code: row.code,
    parentId: row.parent_id,
    archivedAt: row.archived_at,
    itContact: contactOf(row),
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
      usageCounts(db, tenantId, "assets", "location_id", "assets"),
      "assets.location_id",
      "locations.id",
    )
    .leftJoin(
      usageCounts(db, tenantId, "employees", "location_id", "employees"),
      "employees.location_id",
      "locations.id",
    )
    .leftJoin(
      usageCounts(db, tenantId, "locations", "parent_id", "children"),
      "children.parent_id",
      "locations.id",
    )
    .leftJoin("users as contact", "contact.id", "locations.it_contact_user_id")
    .select([
      "contact.id as contact_id",
      "contact.name as contact_name",
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
      itContact: contactOf(row),
      assetCount: Number(row.asset_count ?? 0),
      employeeCount: Number(row.employee_count ?? 0),
      childCount: Number(row.child_count ?? 0),
    })),
  );
}

/**
 * A location's IT contact must be an active account that can work on tasks (not an auditor, who
 * only reads), else a field error saying whom to choose.
 */
export async function assertItContact(db: Executor, tenantId: string, userId: string | null | undefined) {
  if (!userId) return;
  const user = await db
    .selectFrom("users")
    .select("role")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", userId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!user || !hasRole(user.role as TenantRole, can.workOnTasks)) {
    throw new AppError(
      "BAD_REQUEST",
      "Choose an IT contact with an active account who can work on tasks (not an auditor).",
      { field: "itContactUserId" },
    );
  }
}

/** A location of the tenant, locked for the rest of the transaction. */
export async function lockLocation(db: Executor, tenantId: string, id: string) {
  const row = await db
    .selectFrom("locations")
    .select(["id", "name", "kind", "code", "parent_id", "archived_at", "it_contact_user_id"])
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

/**
 * Refuses a name already used under the same parent (archived locations keep theirs), matched as
 * other reference data is (normalizeName: "Floor 3" and "floor  3" collide). Callers hold
 * lockLocationTree, so two people cannot add the same name at once. The CONFLICT names the
 * existing location and carries its id, as the other reference data's do.
 */
export async function assertLocationNameFree(
  db: Executor,
  tenantId: string,
  placement: { parentId: string | null; name: string; exceptId?: string },
): Promise<void> {
  const siblings = await db
    .selectFrom("locations")
    .select(["id", "name", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("parent_id", placement.parentId === null ? "is" : "=", placement.parentId)
    .execute();
  const key = locationNameKey(placement.name);
  const match = siblings.find((row) => row.id !== placement.exceptId && locationNameKey(row.name) === key);
  if (!match) return;
  const parent = placement.parentId
    ? await db
        .selectFrom("locations")
        .select("name")
        .where("tenant_id", "=", tenantId)
        .where("id", "=", placement.parentId)
        .executeTakeFirst()
    : undefined;
  const where = parent ? `in ${parent.name}` : "at the top of the tree";
  const archived = match.archived_at ? " It is archived; unarchive it to use it again." : "";
  throw new AppError(
    "CONFLICT",
    `A location named ${match.name} already exists ${where}. Use it, or choose another name.${archived}`,
    { existingId: match.id, existingName: match.name, archived: match.archived_at !== null },
  );
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
