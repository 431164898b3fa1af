import { sql } from "kysely";
import type { Executor } from "../db";
import { auditFacets, type ListAuditEventsParams } from "./queries";
import type { AuditFilters, EventSubject } from "./schemas";

export type EntityRef = { type: string; id: string };

type Labelled = { id: string; label: string };
type LabelLoader = (db: Executor, tenantId: string, ids: string[]) => Promise<Labelled[]>;

/** Reference tables named by their `name` column, and the settings page that manages each. */
const namedTables = {
  asset_model: { table: "asset_models", href: null },
  category: { table: "categories", href: "/settings/categories" },
  department: { table: "departments", href: "/settings/organizations" },
  location: { table: "locations", href: "/settings/locations" },
  manufacturer: { table: "manufacturers", href: "/settings/manufacturers" },
  organization: { table: "organizations", href: "/settings/organizations" },
} as const;

const byName =
  (table: (typeof namedTables)[keyof typeof namedTables]["table"]): LabelLoader =>
  (db, tenantId, ids) =>
    // Every named table has the same id, tenant_id and name columns; Kysely types one of them.
    db
      .selectFrom(table as "categories")
      .select(["id", "name as label"])
      .where("tenant_id", "=", tenantId)
      .where("id", "in", ids)
      .execute();

/** CSV imports of either kind (one table), by their file's name. */
const importsByFile: LabelLoader = (db, tenantId, ids) =>
  db
    .selectFrom("asset_imports")
    .select(["id", sql<string>`'Import of ' || file_name`.as("label")])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();

/**
 * What a reader recognises each kind of record by, and where it is managed. Kinds not listed
 * (the tenant, automation runs) are named by their type alone.
 */
const subjectKinds: Record<string, { load: LabelLoader; href: (id: string) => string | null }> = {
  asset: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("assets")
        .select(["id", sql<string>`tag || ' · ' || name`.as("label")])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: (id) => `/assets/${id}`,
  },
  employee: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("employees")
        .select(["id", sql<string>`first_name || ' ' || last_name`.as("label")])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: (id) => `/employees/${id}`,
  },
  user: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("users")
        .select(["id", "name as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: () => "/settings/users",
  },
  status: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("statuses")
        .select(["id", "label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: () => "/settings/statuses",
  },
  asset_import: { load: importsByFile, href: (id) => `/assets/import?id=${id}` },
  employee_import: { load: importsByFile, href: (id) => `/employees/import?id=${id}` },
  asset_audit: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("asset_audits")
        .innerJoin("locations", (join) =>
          join
            .onRef("locations.id", "=", "asset_audits.location_id")
            .onRef("locations.tenant_id", "=", "asset_audits.tenant_id"),
        )
        .select(["asset_audits.id", sql<string>`'Audit of ' || locations.name`.as("label")])
        .where("asset_audits.tenant_id", "=", tenantId)
        .where("asset_audits.id", "in", ids)
        .execute(),
    href: (id) => `/assets/audits/${id}`,
  },
  invitation: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("invitations")
        .select(["id", "email as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: () => "/settings/users",
  },
  integration: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("integrations")
        .select(["id", "name as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: (id) => `/settings/integrations/${id}`,
  },
  chat_destination: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("chat_destinations")
        .select(["id", "name as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: () => "/settings/notifications",
  },
  agent_device: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("agent_devices")
        .select(["id", "hostname as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: () => "/settings/agent",
  },
  license: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("licenses")
        .select(["id", "name as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: (id) => `/licenses/${id}`,
  },
  workflow: {
    load: (db, tenantId, ids) =>
      db
        .selectFrom("workflows")
        .select(["id", "title as label"])
        .where("tenant_id", "=", tenantId)
        .where("id", "in", ids)
        .execute(),
    href: (id) => `/workflows/${id}`,
  },
  ...Object.fromEntries(
    Object.entries(namedTables).map(([type, { table, href }]) => [
      type,
      { load: byName(table), href: () => href },
    ]),
  ),
};

/** A record's name as its event recorded it, for one since deleted ("AST-0042 · Dell XPS"). */
function labelFromData(data: Record<string, unknown>): string | null {
  const text = (key: string) => (typeof data[key] === "string" && data[key] ? (data[key] as string) : null);
  const tag = text("tag");
  const name = text("name") ?? text("label") ?? text("email");
  if (tag && name) return `${tag} · ${name}`;
  return tag ?? name;
}

/**
 * Names the record each event is about ("AST-000123 · MacBook Air", "Emery Ross"), with a link to
 * it: one query per kind of record on the page, whatever its length. A record deleted since is
 * named from its event's data when the event recorded a tag or name; otherwise `label` is null
 * and the screen falls back to the kind of record.
 */
export async function resolveSubjects<T extends { entity: EntityRef; data: Record<string, unknown> }>(
  db: Executor,
  tenantId: string,
  items: readonly T[],
): Promise<Array<T & { subject: EventSubject }>> {
  const idsByType = new Map<string, Set<string>>();
  for (const { entity } of items) {
    if (!subjectKinds[entity.type]) continue;
    const ids = idsByType.get(entity.type) ?? new Set<string>();
    idsByType.set(entity.type, ids.add(entity.id));
  }
  const labels = new Map<string, string>();
  for (const [type, ids] of idsByType) {
    const rows = await subjectKinds[type]?.load(db, tenantId, [...ids]);
    for (const row of rows ?? []) labels.set(`${type}:${row.id}`, row.label);
  }
  return items.map((item) => {
    const kind = subjectKinds[item.entity.type];
    const current = labels.get(`${item.entity.type}:${item.entity.id}`);
    return {
      ...item,
      subject: {
        ...item.entity,
        label: current ?? labelFromData(item.data),
        href: current && kind ? kind.href(item.entity.id) : null,
      },
    };
  });
}

/**
 * The record an audit log filter names, as its heading shows it ("AST-000123 · MacBook Air"): the
 * same naming as the log's entries, so a record deleted since, of a kind with no name, or with an
 * id no named record can have (every named kind has UUIDs; the URL may hold anything) has a null
 * label.
 */
export async function nameSubject(db: Executor, tenantId: string, entity: EntityRef): Promise<EventSubject> {
  const unnamed = { ...entity, label: null, href: null };
  if (!UUID.test(entity.id)) return unnamed;
  const [named] = await resolveSubjects(db, tenantId, [{ entity, data: {} }]);
  return named?.subject ?? unnamed;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The most records one search of the audit log follows; a broader term should be narrowed. */
export const ENTITY_MATCH_LIMIT = 25;

const containsPattern = (term: string) => `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The audit log's filters with the record filter resolved to the records it names. A bare id
 * needs no type: it is looked up under each kind of record the log holds (one index probe each).
 */
export async function resolveRecordFilter(
  db: Executor,
  tenantId: string,
  filters: AuditFilters,
): Promise<ListAuditEventsParams> {
  const term = filters.entity ?? (filters.entityType ? undefined : filters.entityId);
  if (!term) return filters;
  const { entityType, entityId: _id, entity: _entity, ...rest } = filters;
  const ofType = (refs: EntityRef[]) => (entityType ? refs.filter((ref) => ref.type === entityType) : refs);
  if (UUID.test(term)) {
    const { entityTypes } = await auditFacets(db, tenantId);
    const id = term.toLowerCase();
    return { ...rest, entities: ofType(entityTypes.map((type) => ({ type, id }))) };
  }
  return { ...rest, entities: ofType(await entitiesMatching(db, tenantId, term)) };
}

/**
 * The records a person means by a name typed in the audit log's record filter: an asset's tag or
 * name, a person's name or work email, or a user's email. Names and tags go through the search
 * functions of the asset list (app_assets_matching, app_employees_matching), since under
 * row-level security LIKE cannot use an index.
 */
export async function entitiesMatching(db: Executor, tenantId: string, term: string): Promise<EntityRef[]> {
  const lower = term.trim().toLowerCase();
  // A whole tag means that asset alone, not every asset whose tag or name contains it.
  const tagged = await db
    .selectFrom("assets")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where(
      "id",
      "in",
      sql<string>`(select app_assets_with_code_prefix(${lower}, ${ENTITY_MATCH_LIMIT}::int))`,
    )
    .where(sql<string>`lower(tag)`, "=", lower)
    .execute();
  if (tagged.length > 0) return tagged.map(({ id }) => ({ type: "asset", id }));
  const assets =
    lower.length < 3
      ? await sql<{
          id: string;
        }>`select app_assets_with_code_prefix(${lower}, ${ENTITY_MATCH_LIMIT}::int) as id`.execute(db)
      : await sql<{
          id: string;
        }>`select app_assets_matching(${containsPattern(lower)}, ${ENTITY_MATCH_LIMIT}::int) as id`.execute(
          db,
        );
  const employees =
    lower.length < 3
      ? { rows: [] }
      : await sql<{
          id: string;
        }>`select id from app_employees_matching(${containsPattern(lower)}) as id limit ${ENTITY_MATCH_LIMIT}`.execute(
          db,
        );
  const byEmail = lower.includes("@")
    ? await db
        .selectFrom("employees")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("work_email", "=", lower)
        .execute()
    : [];
  const users = lower.includes("@")
    ? await db
        .selectFrom("users")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where("email", "=", lower)
        .execute()
    : [];
  return [
    ...assets.rows.map(({ id }) => ({ type: "asset", id })),
    ...[...new Set([...employees.rows, ...byEmail].map(({ id }) => id))].map((id) => ({
      type: "employee",
      id,
    })),
    ...users.map(({ id }) => ({ type: "user", id })),
  ].slice(0, ENTITY_MATCH_LIMIT);
}
