import { type SqlBool, sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";

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

/**
 * A page of employees sorted by name, with how many assets each holds, and the total capped at
 * EMPLOYEE_COUNT_CAP. The asset counts come from one grouped query over the page's ids
 * (assets_employee_idx) rather than a subquery per row.
 */
export async function listEmployees(
  db: Executor,
  tenantId: string,
  input: { q?: string; status?: string; page: number; pageSize: number },
) {
  const filtered = db
    .selectFrom("employees")
    .where("employees.tenant_id", "=", tenantId)
    .$if(Boolean(input.status), (qb) => qb.where("employees.status", "=", input.status ?? ""))
    .$if(Boolean(input.q), (qb) =>
      qb.where(
        sql<SqlBool>`(lower(employees.display_name) like ${likePattern(input.q ?? "")} or employees.work_email like ${likePattern(input.q ?? "")} or employees.employee_number = ${input.q ?? ""})`,
      ),
    );
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
      .orderBy("employees.last_name")
      .orderBy("employees.first_name")
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
    ])
    .where("employees.tenant_id", "=", tenantId)
    .where("employees.id", "=", employeeId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  const counts = await assetCounts(db, tenantId, [row.id]);
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
  };
}
