import { locationsByKey } from "@/server/assets/import/load-lookups";
import { type Db, withTenant } from "@/server/db";
import { yieldToEventLoop } from "@/server/heavy-jobs";
import type { EmployeeImportLookups, KnownEmployee } from "./validate-rows";

/** People read per short transaction: a large tenant never holds the one embedded connection long. */
const PEOPLE_PAGE = 5000;

/**
 * What checking an employee file looks up: departments by name and alias (the matching manual
 * entry and integrations use, server/reference/names), locations by name, code and path (as the
 * asset import), and the tenant's people: everyone, since a manager chain may run through people
 * the file does not mention. Read in short transactions, a page of people at a time.
 */
export async function loadEmployeeImportLookups(db: Db, tenantId: string): Promise<EmployeeImportLookups> {
  const [departments, aliases, locations] = await withTenant(db, tenantId, (trx) =>
    Promise.all([
      trx
        .selectFrom("departments")
        .select(["id", "name", "normalized_name", "archived_at"])
        .where("tenant_id", "=", tenantId)
        .execute(),
      trx
        .selectFrom("name_aliases")
        .select(["entity_id", "normalized_alias"])
        .where("tenant_id", "=", tenantId)
        .where("entity_type", "=", "department")
        .execute(),
      locationsByKey(trx, tenantId),
    ]),
  );
  const lookups: EmployeeImportLookups = {
    departments: new Map(),
    locations,
    byEmail: new Map(),
    byNumber: new Map(),
    byId: new Map(),
  };
  const departmentById = new Map<string, { id: string; name: string; archived: boolean }>();
  for (const row of departments) {
    const department = { id: row.id, name: row.name, archived: row.archived_at !== null };
    departmentById.set(row.id, department);
    lookups.departments.set(row.normalized_name, department);
  }
  // A name wins over another department's alias, as in findByName (server/reference/names/matcher.ts).
  for (const alias of aliases) {
    const department = departmentById.get(alias.entity_id);
    if (department && !lookups.departments.has(alias.normalized_alias))
      lookups.departments.set(alias.normalized_alias, department);
  }

  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("employees")
        .select(["id", "display_name", "work_email", "employee_number", "manager_id", "status"])
        .where("tenant_id", "=", tenantId)
        .where("id", ">", after)
        .orderBy("id")
        .limit(PEOPLE_PAGE)
        .execute(),
    );
    for (const row of page) {
      const person: KnownEmployee = {
        id: row.id,
        name: row.display_name ?? row.work_email ?? row.id,
        workEmail: row.work_email,
        employeeNumber: row.employee_number,
        managerId: row.manager_id,
        status: row.status,
      };
      lookups.byId.set(row.id, person);
      if (row.work_email) lookups.byEmail.set(row.work_email.toLowerCase(), person);
      if (row.employee_number) lookups.byNumber.set(row.employee_number.toLowerCase(), person);
    }
    if (page.length < PEOPLE_PAGE) return lookups;
    after = (page.at(-1) as { id: string }).id;
    await yieldToEventLoop();
  }
}
