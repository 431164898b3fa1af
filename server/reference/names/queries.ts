import type { Executor } from "../../db";
import type { ListOptions } from "../schemas";
import { usageCounts } from "../usage-counts";
import type { NamedEntityType } from "./matcher";
import type { Alias, DepartmentListItem, OrganizationListItem } from "./schemas";

/** The aliases of every organization or department of a tenant, by entity id (one query). */
export async function aliasesByEntity(
  db: Executor,
  tenantId: string,
  entityType: NamedEntityType,
): Promise<Map<string, Alias[]>> {
  const rows = await db
    .selectFrom("name_aliases")
    .select(["id", "entity_id", "alias"])
    .where("tenant_id", "=", tenantId)
    .where("entity_type", "=", entityType)
    .orderBy("alias")
    .execute();
  const byEntity = new Map<string, Alias[]>();
  for (const row of rows) {
    byEntity.set(row.entity_id, [...(byEntity.get(row.entity_id) ?? []), { id: row.id, alias: row.alias }]);
  }
  return byEntity;
}

export async function listOrganizations(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<OrganizationListItem[]> {
  const [rows, aliases] = await Promise.all([
    db
      .selectFrom("organizations")
      .leftJoin(
        usageCounts(db, tenantId, "departments", "organization_id", "usage"),
        "usage.organization_id",
        "organizations.id",
      )
      .select(["id", "name", "archived_at", "usage.count"])
      .where("tenant_id", "=", tenantId)
      .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
      .orderBy("name")
      .execute(),
    aliasesByEntity(db, tenantId, "organization"),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    aliases: aliases.get(row.id) ?? [],
    departmentCount: Number(row.count ?? 0),
  }));
}

export async function listDepartments(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<DepartmentListItem[]> {
  const [rows, aliases] = await Promise.all([
    db
      .selectFrom("departments")
      .leftJoin("organizations", "organizations.id", "departments.organization_id")
      .leftJoin(
        usageCounts(db, tenantId, "employees", "department_id", "usage"),
        "usage.department_id",
        "departments.id",
      )
      .select([
        "departments.id",
        "departments.name",
        "departments.archived_at",
        "departments.organization_id",
        "organizations.name as organization_name",
        "usage.count",
      ])
      .where("departments.tenant_id", "=", tenantId)
      .$if(!options.includeArchived, (qb) => qb.where("departments.archived_at", "is", null))
      .orderBy("departments.name")
      .execute(),
    aliasesByEntity(db, tenantId, "department"),
  ]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    aliases: aliases.get(row.id) ?? [],
    employeeCount: Number(row.count ?? 0),
  }));
}
