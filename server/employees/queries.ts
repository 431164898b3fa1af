import { type SqlBool, sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";
import type { EmployeeListInput } from "./schemas";
import { sealedColumnNames, sensitiveFieldNames, sensitiveFields } from "./sensitive-fields";

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** People for a picker: active ones matching the search by name, email or number. */
export async function employeeOptions(db: Executor, tenantId: string, q: string | undefined, limit = 20) {
  const rows = await db
    .selectFrom("employees")
    .leftJoin("departments", "departments.id", "employees.department_id")
    .select([
      "employees.id",
      "employees.display_name as name",
      "employees.work_email as email",
      "departments.name as department",
    ])
    .where("employees.tenant_id", "=", tenantId)
    .where("employees.status", "<>", "terminated")
    .$if(Boolean(q), (qb) =>
      qb.where(
        sql<SqlBool>`(lower(employees.display_name) like ${likePattern(q ?? "")} or employees.work_email like ${likePattern(q ?? "")} or employees.employee_number = ${q ?? ""})`,
      ),
    )
    .orderBy("employees.last_name")
    .orderBy("employees.first_name")
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, name: row.name ?? "" }));
}

/** Totals are counted up to this; beyond it the list says "10,000+". */
export const EMPLOYEE_COUNT_CAP = 10_000;

/** Days back that count as "hired recently" in the list's view. */
export const RECENT_HIRE_DAYS = 30;

/**
 * The list's filter. Name search reads employee_search through app_employees_matching (a trigram
 * index the app role may not use on employees itself, see ARCHITECTURE.md section 2); a work email
 * matches from its start (`^@`, leakproof) and an employee number exactly. Every other condition is an equality or range that
 * the `(tenant_id, ...)` indexes of migration 0017 serve under row-level security.
 */
export function filteredEmployees(
  db: Executor,
  tenantId: string,
  input: Omit<EmployeeListInput, "page" | "pageSize">,
) {
  const q = input.q?.trim();
  return db
    .selectFrom("employees")
    .where("employees.tenant_id", "=", tenantId)
    .$if(Boolean(input.status), (qb) => qb.where("employees.status", "=", input.status ?? ""))
    .$if(Boolean(input.departmentId), (qb) =>
      qb.where("employees.department_id", "=", input.departmentId ?? ""),
    )
    .$if(Boolean(input.locationId), (qb) => qb.where("employees.location_id", "=", input.locationId ?? ""))
    .$if(Boolean(input.managerId), (qb) => qb.where("employees.manager_id", "=", input.managerId ?? ""))
    .$if(input.view === "hired_recently", (qb) =>
      qb.where("employees.hire_date", ">=", sql<string>`current_date - ${RECENT_HIRE_DAYS}::int`),
    )
    .$if(input.view === "terminated_with_assets", (qb) =>
      qb
        .where("employees.status", "=", "terminated")
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom("assets")
              .select(sql`1`.as("one"))
              .where("assets.tenant_id", "=", tenantId)
              .whereRef("assets.employee_id", "=", "employees.id"),
          ),
        ),
    )
    .$if(Boolean(q), (qb) =>
      // One id list from three lookups (a union, not an OR, so each keeps its own index).
      qb.where(
        "employees.id",
        "in",
        sql<string>`(
          select app_employees_matching(${likePattern(q ?? "")})
          union select id from employees where tenant_id = ${tenantId} and work_email ^@ ${(q ?? "").toLowerCase()}
          union select id from employees where tenant_id = ${tenantId} and employee_number = ${q ?? ""})`,
      ),
    );
}

/**
 * A page of employees in the chosen order, with how many assets each holds, and the total capped
 * at EMPLOYEE_COUNT_CAP. The asset counts come from one grouped query over the page's ids
 * (assets_employee_idx) rather than a subquery per row.
 */
export async function listEmployees(db: Executor, tenantId: string, input: EmployeeListInput) {
  const filtered = filteredEmployees(db, tenantId, input);
  const direction = input.direction;
  const [rows, total] = await Promise.all([
    filtered
      .leftJoin("departments", "departments.id", "employees.department_id")
      .select([
        "employees.id",
        "employees.display_name as name",
        "employees.work_email as email",
        "employees.employee_number as employeeNumber",
        "employees.title",
        "departments.name as department",
        "employees.status",
        "employees.hire_date as hireDate",
      ])
      .$if(input.sort === "hireDate", (qb) =>
        qb.orderBy("employees.hire_date", (ob) => (direction === "asc" ? ob.asc() : ob.desc()).nullsLast()),
      )
      .$if(input.sort === "department", (qb) =>
        qb.orderBy("departments.name", (ob) => (direction === "asc" ? ob.asc() : ob.desc()).nullsLast()),
      )
      .$if(input.sort === "status", (qb) => qb.orderBy("employees.status", direction))
      .$if(input.sort === "employeeNumber", (qb) =>
        qb.orderBy("employees.employee_number", (ob) =>
          (direction === "asc" ? ob.asc() : ob.desc()).nullsLast(),
        ),
      )
      .orderBy("employees.last_name", input.sort === "name" ? direction : "asc")
      .orderBy("employees.first_name", input.sort === "name" ? direction : "asc")
      .orderBy("employees.id")
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    db
      .selectFrom(
        filtered
          .select(sql`1`.as("one"))
          .limit(EMPLOYEE_COUNT_CAP + 1)
          .as("capped"),
      )
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow(),
  ]);
  const counts = await assetCounts(
    db,
    tenantId,
    rows.map((row) => row.id),
  );
  const count = Number(total.count);
  return {
    items: rows.map((row) => ({ ...row, name: row.name ?? "", assetCount: counts.get(row.id) ?? 0 })),
    total: Math.min(count, EMPLOYEE_COUNT_CAP),
    totalIsCapped: count > EMPLOYEE_COUNT_CAP,
    page: input.page,
    pageSize: input.pageSize,
  };
}

async function assetCounts(db: Executor, tenantId: string, employeeIds: string[]) {
  if (employeeIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom("assets")
    .select(["employee_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("tenant_id", "=", tenantId)
    .where("employee_id", "in", employeeIds)
    .groupBy("employee_id")
    .execute();
  return new Map(rows.map((row) => [row.employee_id ?? "", Number(row.n)]));
}

/** One employee with their department, location and how many assets they hold. */
export async function getEmployee(db: Executor, tenantId: string, employeeId: string) {
  const row = await db
    .selectFrom("employees")
    .leftJoin("departments", "departments.id", "employees.department_id")
    .leftJoin("locations", "locations.id", "employees.location_id")
    .select([
      "employees.id",
      "employees.first_name",
      "employees.last_name",
      "employees.display_name",
      "employees.work_email",
      "employees.employee_number",
      "employees.title",
      "employees.status",
      "employees.hire_date",
      "employees.termination_date",
      "employees.created_at",
      "departments.id as department_id",
      "departments.name as department_name",
      "locations.id as location_id",
      "locations.name as location_name",
      "employees.manager_id",
      "employees.user_id",
      "employees.employment_type",
      "employees.termination_reason",
      "employees.source",
      "employees.external_id",
      "employees.source_integration_id",
      "employees.owned_fields",
      "employees.overridden_fields",
      ...sealedColumnNames.map((column) => `employees.${column}` as const),
    ])
    .where("employees.tenant_id", "=", tenantId)
    .where("employees.id", "=", employeeId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  const counts = await assetCounts(db, tenantId, [row.id]);
  const manager = row.manager_id
    ? await db
        .selectFrom("employees")
        .select(["id", "display_name as name"])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", row.manager_id)
        .executeTakeFirst()
    : undefined;
  const integration = row.source_integration_id
    ? await db
        .selectFrom("integrations")
        .select(["id", "name", "provider", "field_policy"])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", row.source_integration_id)
        .executeTakeFirst()
    : undefined;
  const user = row.user_id
    ? await db
        .selectFrom("users")
        .select(["id", "name", "email"])
        .where("tenant_id", "=", tenantId)
        .where("id", "=", row.user_id)
        .executeTakeFirst()
    : undefined;
  return {
    id: row.id,
    name: row.display_name ?? `${row.first_name} ${row.last_name}`,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.work_email,
    employeeNumber: row.employee_number,
    title: row.title,
    status: row.status,
    hireDate: row.hire_date,
    terminationDate: row.termination_date,
    department: row.department_id ? { id: row.department_id, name: row.department_name ?? "" } : null,
    location: row.location_id ? { id: row.location_id, name: row.location_name ?? "" } : null,
    assetCount: counts.get(row.id) ?? 0,
    createdAt: row.created_at,
    manager: manager ? { id: manager.id, name: manager.name ?? "" } : null,
    employmentType: row.employment_type,
    terminationReason: row.termination_reason,
    source: row.source,
    externalId: row.external_id,
    // The integration the person comes from, the fields it owns, and which of them were edited
    // here since (kept or overwritten by the next sync, per its field policy).
    sync: integration
      ? {
          integrationId: integration.id,
          integrationName: integration.name,
          provider: integration.provider,
          fieldPolicy: integration.field_policy,
          ownedFields: row.owned_fields,
          overriddenFields: row.overridden_fields,
        }
      : null,
    user: user ?? null,
    // Which personal fields hold a value, never the value: that takes a reveal.
    personalFields: sensitiveFieldNames.map((field) => ({
      field,
      label: sensitiveFields[field].label,
      isSet: row[sensitiveFields[field].column] !== null,
    })),
  };
}

/** An employee's row, locked for the rest of the transaction (two edits of one person queue up). */
export async function lockEmployee(db: Executor, tenantId: string, employeeId: string) {
  const row = await db
    .selectFrom("employees")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", employeeId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  return row;
}

/** Today in the database's clock: termination dates take effect on it. */
export async function today(db: Executor): Promise<string> {
  const { rows } = await sql<{ today: string }>`select current_date::text as today`.execute(db);
  return rows[0]?.today ?? "";
}

/**
 * The chain of managers above `managerId`, nearest first, stopping at `employeeId` if it is in it
 * (one recursive walk of manager_id; bounded, so corrupt data cannot loop).
 */
export async function managerChain(db: Executor, tenantId: string, managerId: string, employeeId: string) {
  const { rows } = await sql<{ id: string; name: string; status: string }>`
    with recursive chain (id, manager_id, name, status, depth) as (
      select id, manager_id, display_name, status, 0 from employees where tenant_id = ${tenantId} and id = ${managerId}
      union all
      select e.id, e.manager_id, e.display_name, e.status, chain.depth + 1
        from chain join employees e on e.tenant_id = ${tenantId} and e.id = chain.manager_id
       where chain.id <> ${employeeId} and chain.depth < 500
    )
    select id, name, status from chain order by depth`.execute(db);
  return rows;
}

/** The ids of employees whose personal email or national id has one of these blind indexes. */
export async function employeesWithIndex(
  db: Executor,
  tenantId: string,
  column: "personal_email_index" | "national_id_index",
  indexes: string[],
) {
  return db
    .selectFrom("employees")
    .select(["id", "display_name as name", "work_email as email", "status"])
    .where("tenant_id", "=", tenantId)
    .where(column, "in", indexes)
    .orderBy("last_name")
    .orderBy("first_name")
    .limit(50)
    .execute();
}

/** The sealed personal fields of one employee. */
export async function sealedFieldsOf(db: Executor, tenantId: string, employeeId: string) {
  const row = await db
    .selectFrom("employees")
    .select([
      "personal_email_sealed",
      "phone_sealed",
      "home_address_sealed",
      "date_of_birth_sealed",
      "national_id_sealed",
    ])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", employeeId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  return row;
}

/**
 * Across tenants (platform transaction): employees whose scheduled termination date has come,
 * oldest date first (employees_due_termination_idx).
 */
export async function dueTerminations(db: Executor, limit: number) {
  return db
    .selectFrom("employees")
    .select(["id", "tenant_id as tenantId"])
    .where("status", "<>", "terminated")
    .where("termination_date", "is not", null)
    .where("termination_date", "<=", sql<string>`current_date`)
    .orderBy("termination_date")
    .limit(limit)
    .execute();
}
