import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { importProblemsPage } from "@/server/assets/import/queries";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { exportEmployeesCsv } from "@/server/employees/export-csv";
import { createEmployee } from "@/server/employees/services/create-employee";
import { updateEmployee } from "@/server/employees/services/update-employee";
import { normalizeName } from "@/server/reference/names/normalize";
import { confirmAndRunEmployeeImport, dryRunEmployeeImport } from "../factories/employee-imports";
import { callerFor } from "../factories/isolation";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let auditor: TestUser;
let itDepartment: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  auditor = await createTestUser(db, tenant, "auditor");
  itDepartment = await withPlatform(db, async (trx) => {
    const row = await trx
      .insertInto("departments")
      .values({
        tenant_id: tenant.id,
        name: "IT Department",
        normalized_name: normalizeName("IT Department"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}, 120_000);
afterAll(() => handle.close());

/** A work email no other test uses. */
const email = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.test`;
const csv = (...lines: string[]) => `${lines.join("\n")}\n`;
const HEADER = "Name,Work email,Employee number,Title,Department,Manager,Hire date,Personal email";

const employeeByEmail = (workEmail: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx.selectFrom("employees").selectAll().where("work_email", "=", workEmail).executeTakeFirstOrThrow(),
  );
const eventsOf = (entityId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["id", "name", "data", "actor_type", "actor_label", "caused_by"])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute(),
  );
const problemsOf = async (importId: string) =>
  (
    await withTenant(db, staff.tenantId, (trx) =>
      importProblemsPage(trx, staff.tenantId, { importId, page: 1, pageSize: 200 }, "employees"),
    )
  ).items;

describe("employee CSV import", () => {
  it("guesses the mapping and lists actionable problems in the dry run, writing nothing", async () => {
    const [ok, late] = [email("ok"), email("late")];
    const view = await dryRunEmployeeImport(
      db,
      staff,
      csv(
        HEADER,
        `Ana Ruiz,${ok},,Engineer,IT Dept,,2026-01-05,`,
        `Li Wei,${late},,,Nowhere,ghost@example.test,31/01/2026,`,
        `Sam,,,,,,,`,
      ),
    );
    expect(view.columns).toEqual([
      "name",
      "workEmail",
      "employeeNumber",
      "title",
      "department",
      "manager",
      "hireDate",
      "personalEmail",
    ]);
    expect(view).toMatchObject({ status: "validated", totalRows: 3, validRows: 1 });
    const problems = await problemsOf(view.id);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 3,
          column: "Department",
          message: expect.stringContaining('No department named "Nowhere"'),
        }),
        expect.objectContaining({ line: 3, column: "Hire date", code: "bad_date" }),
        expect.objectContaining({ line: 4, column: "Work email", code: "missing" }),
      ]),
    );
    // the manager of a row with problems of its own is checked once the row is fixed
    const withManager = await dryRunEmployeeImport(
      db,
      staff,
      csv(HEADER, `Li Wei,${late},,,,ghost@example.test,,`),
    );
    expect(await problemsOf(withManager.id)).toEqual([
      expect.objectContaining({
        line: 2,
        column: "Manager",
        message:
          "Manager ghost@example.test is not in the file or the tenant; use their work email or employee number.",
      }),
    ]);
    const written = await withTenant(db, staff.tenantId, (trx) =>
      trx.selectFrom("employees").select("id").where("work_email", "in", [ok, late]).execute(),
    );
    expect(written).toEqual([]);
  });

  it("creates people through the create service: events, sealed personal fields, managers later in the file, department by alias", async () => {
    const [report, manager, personal] = [email("report"), email("manager"), email("home")];
    const view = await dryRunEmployeeImport(
      db,
      staff,
      csv(
        HEADER,
        `Ana Ruiz,${report},E-${randomUUID().slice(0, 6)},Engineer,IT Dept,${manager},2026-01-05,${personal}`,
        `"Wei, Li",${manager},,Head of IT,IT Department,,,`,
      ),
    );
    expect(view).toMatchObject({ validRows: 2, problemCount: 0 });
    const done = await confirmAndRunEmployeeImport(db, staff, view.id);
    expect(done).toMatchObject({ status: "completed", createdRows: 2, updatedRows: 0, unchangedRows: 0 });

    const [ana, li] = [await employeeByEmail(report), await employeeByEmail(manager)];
    expect(li).toMatchObject({ first_name: "Li", last_name: "Wei", department_id: itDepartment });
    expect(ana).toMatchObject({ first_name: "Ana", manager_id: li.id, department_id: itDepartment });
    expect(ana.hire_date).toBeTruthy();
    // the personal email is sealed (never stored as typed) and findable by its blind index
    expect(ana.personal_email_sealed).toBeTruthy();
    expect(ana.personal_email_sealed).not.toContain(personal);
    expect(ana.personal_email_index).toBeTruthy();
    // written by the import function, because of the confirmation, as the create dialog writes
    const importEvents = await eventsOf(view.id);
    expect(importEvents.map((event) => event.name)).toEqual([
      "employee_import.mapped",
      "employee_import.confirmed",
      "employee_import.completed",
    ]);
    const confirmed = importEvents[1];
    expect(await eventsOf(ana.id)).toEqual([
      expect.objectContaining({
        name: "employee.created",
        actor_type: "system",
        actor_label: "Automation: Import employees from CSV",
        caused_by: confirmed?.id,
        data: expect.objectContaining({ name: "Ana Ruiz", personalFields: ["personalEmail"] }),
      }),
    ]);
  });

  it("updates people matched by work email with before and after; unchanged rows and a second run write nothing", async () => {
    const workEmail = email("known");
    const known = await asUser(db, staff, (ctx) =>
      createEmployee(ctx, { firstName: "Kim", lastName: "Known", workEmail, title: "Engineer" }),
    );
    const file = csv(HEADER, `Kim Known,${workEmail},,Senior Engineer,,,,`);
    const first = await confirmAndRunEmployeeImport(
      db,
      staff,
      (await dryRunEmployeeImport(db, staff, file)).id,
    );
    expect(first).toMatchObject({ createdRows: 0, updatedRows: 1, unchangedRows: 0 });
    const updated = (await eventsOf(known.id)).filter((event) => event.name === "employee.updated");
    expect(updated).toEqual([
      expect.objectContaining({
        data: { changes: { title: { before: "Engineer", after: "Senior Engineer" } } },
      }),
    ]);

    const before = await employeeByEmail(workEmail);
    const eventsBefore = await eventsOf(known.id);
    const again = await confirmAndRunEmployeeImport(
      db,
      staff,
      (await dryRunEmployeeImport(db, staff, file)).id,
    );
    expect(again).toMatchObject({ status: "completed", createdRows: 0, updatedRows: 0, unchangedRows: 1 });
    expect(await eventsOf(known.id)).toEqual(eventsBefore);
    expect((await employeeByEmail(workEmail)).updated_at).toEqual(before.updated_at);
  });

  it("refuses manager cycles per row, in the file and through people already here", async () => {
    const [a, b] = [email("loop-a"), email("loop-b")];
    const inFile = await dryRunEmployeeImport(
      db,
      staff,
      csv(HEADER, `Ann Loop,${a},,,,${b},,`, `Bo Loop,${b},,,,${a},,`),
    );
    expect(inFile.validRows).toBe(0);
    expect(await problemsOf(inFile.id)).toEqual([
      expect.objectContaining({
        line: 2,
        code: "manager_cycle",
        message:
          "Ann Loop cannot report to Bo Loop: Bo Loop reports to Ann Loop. Change one of these managers.",
      }),
      expect.objectContaining({ line: 3, code: "manager_cycle" }),
    ]);

    // Existing: Cy reports to Di. The file makes Di report to Cy, which would loop.
    const [c, d] = [email("cy"), email("di")];
    const di = await asUser(db, staff, (ctx) =>
      createEmployee(ctx, { firstName: "Di", lastName: "Boss", workEmail: d }),
    );
    const cy = await asUser(db, staff, (ctx) =>
      createEmployee(ctx, { firstName: "Cy", lastName: "Report", workEmail: c }),
    );
    await asUser(db, staff, (ctx) => updateEmployee(ctx, { employeeId: cy.id, managerId: di.id }));
    const throughTenant = await dryRunEmployeeImport(
      db,
      staff,
      csv(HEADER, `Di Boss,${d},,,,${c},,`, `Eve New,${email("eve")},,,,${d},,`),
    );
    expect(throughTenant.validRows).toBe(1);
    expect(await problemsOf(throughTenant.id)).toEqual([
      expect.objectContaining({
        line: 2,
        message:
          "Di Boss cannot report to Cy Report: Cy Report reports to Di Boss. Change one of these managers.",
      }),
    ]);
  });

  it("takes back its own export unchanged: the same people, managers by email, nothing written", async () => {
    const { tenant } = await createTestTenant(db);
    const own = await createTestUser(db, tenant, "it_staff");
    const lead = await asUser(db, own, (ctx) =>
      createEmployee(ctx, {
        firstName: "Lena",
        lastName: "Lead",
        workEmail: email("lead"),
        title: "Head of IT",
        employeeNumber: "E-1",
        employmentType: "full_time",
        hireDate: "2024-02-01",
      }),
    );
    await asUser(db, own, (ctx) =>
      createEmployee(ctx, {
        firstName: "Rui",
        lastName: "Report",
        workEmail: email("report"),
        managerId: lead.id,
        employmentType: "contractor",
        hireDate: "2025-09-15",
      }),
    );
    const exported = await new Response((await exportEmployeesCsv(db, own, {})).stream).text();

    const view = await dryRunEmployeeImport(db, own, exported);
    expect(view).toMatchObject({ totalRows: 2, validRows: 2, problemCount: 0 });
    expect(view.columns).toContain("manager");
    const done = await confirmAndRunEmployeeImport(db, own, view.id);
    expect(done).toMatchObject({ status: "completed", createdRows: 0, updatedRows: 0, unchangedRows: 2 });
  });

  it("is for admins and IT staff: an auditor is refused", async () => {
    await expect(
      callerFor(auditor).employees.import.upload({ fileName: "people.csv", content: csv(HEADER) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
