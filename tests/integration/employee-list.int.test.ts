import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { filteredEmployees } from "@/server/employees/queries";
import type { EmployeeListInput } from "@/server/employees/schemas";
import { createEmployee } from "@/server/employees/services/create-employee";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

const dayFrom = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
const people = {} as Record<
  "boss" | "report" | "newcomer" | "leaverWithLaptop" | "leaverEmptyHanded",
  string
>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  const hire = (firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
    asUser(db, staff, (scope) => createEmployee(scope, { firstName, lastName, ...extra })).then((e) => e.id);
  people.boss = await hire("Bea", "Boss", { hireDate: "2019-03-01", employeeNumber: "E-001" });
  people.report = await hire("Rui", "Report", { hireDate: "2022-05-01", managerId: people.boss });
  people.newcomer = await hire("Nia", "Newcomer", { hireDate: dayFrom(-10), workEmail: "nia@list.test" });
  people.leaverWithLaptop = await hire("Lars", "Leaver", { hireDate: "2021-01-04" });
  people.leaverEmptyHanded = await hire("Elin", "Empty", { hireDate: "2020-02-03" });
  const laptop = await createTestAsset(db, staff, fixtures.categoryId);
  await asUser(db, staff, (scope) =>
    assignAsset(scope, { assetId: laptop.id, employeeId: people.leaverWithLaptop }),
  );
  for (const id of [people.leaverWithLaptop, people.leaverEmptyHanded])
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: id, terminationDate: dayFrom(-1) }),
    );
});
afterAll(() => handle.close());

/** The names on the page, without the asset fixtures' two undated people (Jane, Omar). */
const names = async (input: Parameters<ReturnType<typeof callerFor>["employees"]["list"]>[0]) =>
  (await callerFor(staff).employees.list(input)).items
    .map((item) => item.name)
    .filter((name) => !/^(Jane|Omar) /.test(name));

describe("the employee list", () => {
  it("filters by manager, status and the two ready-made views", async () => {
    expect(await names({ managerId: people.boss })).toEqual(["Rui Report"]);
    expect(await names({ status: "terminated" })).toEqual(["Elin Empty", "Lars Leaver"]);
    expect(await names({ view: "terminated_with_assets" })).toEqual(["Lars Leaver"]);
    expect(await names({ view: "hired_recently" })).toEqual(["Nia Newcomer"]);
  });

  it("searches names by any part, work emails from their start, and employee numbers exactly", async () => {
    expect(await names({ q: "eav" })).toEqual(["Lars Leaver"]);
    expect(await names({ q: "NIA@list" })).toEqual(["Nia Newcomer"]);
    expect(await names({ q: "list.test" })).toEqual([]);
    expect(await names({ q: "E-001" })).toEqual(["Bea Boss"]);
  });

  it("sorts by hire date either way, and by name backwards", async () => {
    expect(await names({ sort: "hireDate" })).toEqual([
      "Bea Boss",
      "Elin Empty",
      "Lars Leaver",
      "Rui Report",
      "Nia Newcomer",
    ]);
    const newestFirst = (await callerFor(staff).employees.list({ sort: "hireDate", direction: "desc" }))
      .items;
    expect(newestFirst.map((item) => item.name).slice(0, 2)).toEqual(["Nia Newcomer", "Rui Report"]);
    expect(newestFirst.at(-1)?.hireDate).toBeNull();
    expect(await names({ sort: "name", direction: "desc" })).toEqual([
      "Rui Report",
      "Nia Newcomer",
      "Lars Leaver",
      "Elin Empty",
      "Bea Boss",
    ]);
  });
});

describe("the employee list at 10,000 people", () => {
  it("reads each filter through an index, not a walk through the tenant's employees", async () => {
    const { tenant } = await createTestTenant(db);
    const bigStaff = await createTestUser(db, tenant, "it_staff");
    const boss = await asUser(db, bigStaff, (scope) =>
      createEmployee(scope, { firstName: "Big", lastName: "Boss" }),
    );
    await withPlatform(db, async (trx) => {
      await sql`
        insert into employees (tenant_id, first_name, last_name, work_email, hire_date, status, manager_id)
        select ${tenant.id}::uuid, 'Person', 'Number ' || n, 'p' || n || '@big.test',
               current_date - (n % 3000), case when n % 50 = 0 then 'terminated' else 'active' end,
               case when n % 100 = 0 then ${boss.id}::uuid end
          from generate_series(1, 10000) as n`.execute(trx);
      await sql`analyze employees`.execute(trx);
      await sql`analyze employee_search`.execute(trx);
    });
    const base = { sort: "name", direction: "asc" } as const;
    const planOf = (input: Omit<EmployeeListInput, "page" | "pageSize">) =>
      withTenant(db, tenant.id, async (trx) => {
        const rows = await filteredEmployees(trx, tenant.id, input)
          .select("employees.id")
          .orderBy("employees.last_name")
          .limit(50)
          .explain();
        return rows.map((row) => String(row["QUERY PLAN"])).join("\n");
      });
    const plans = {
      manager: await planOf({ ...base, managerId: boss.id }),
      recent: await planOf({ ...base, view: "hired_recently" }),
      leavers: await planOf({ ...base, view: "terminated_with_assets" }),
      search: await planOf({ ...base, q: "number 4242" }),
    };
    expect(plans.manager).toContain("employees_manager_idx");
    expect(plans.recent).toContain("employees_hire_date_idx");
    // From the tenant's held assets (assets_employee_idx) or its leavers (employees_status_name_idx).
    expect(plans.leavers).toMatch(/assets_employee_idx|employees_status_name_idx/);
    expect(plans.search).toContain("app_employees_matching");
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan on employees/);

    const page = await callerFor(bigStaff).employees.list({ managerId: boss.id });
    expect(page.total).toBe(100);
  });
});
