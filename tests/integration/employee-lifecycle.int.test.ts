import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { createApplyDueTerminationsFn } from "@/inngest/functions/employees/apply-due-terminations";
import { type Db, useDatabase, withPlatform } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { reactivateEmployee } from "@/server/employees/services/reactivate-employee";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { updateEmployee } from "@/server/employees/services/update-employee";
import { callerFor } from "../factories/isolation";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

const dayFrom = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const eventsOf = (db: Db, id: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data", "actor_label"])
      .where("entity_id", "=", id)
      .orderBy("seq")
      .execute(),
  );
const statusOf = (db: Db, id: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("employees")
      .select(["status", "termination_date"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow(),
  );

describe("employee operations", () => {
  let handle: DatabaseHandle;
  let db: Db;
  let staff: TestUser;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
    const { tenant } = await createTestTenant(db);
    staff = await createTestUser(db, tenant, "it_staff");
  });
  afterAll(() => handle.close());

  const hire = (firstName: string, lastName: string, extra: Record<string, unknown> = {}) =>
    asUser(db, staff, (scope) => createEmployee(scope, { firstName, lastName, ...extra }));

  it("refuses a manager that would make reporting lines loop, naming the chain", async () => {
    const ana = await hire("Ana", "Ruiz");
    const li = await hire("Li", "Wei", { managerId: ana.id });
    const sam = await hire("Sam", "Ode", { managerId: li.id });

    await expect(
      asUser(db, staff, (scope) => updateEmployee(scope, { employeeId: ana.id, managerId: sam.id })),
    ).rejects.toThrow(
      "Ana Ruiz cannot report to Sam Ode: Sam Ode reports to Li Wei, who reports to Ana Ruiz. Change one of these managers first.",
    );
    await expect(
      asUser(db, staff, (scope) => updateEmployee(scope, { employeeId: ana.id, managerId: ana.id })),
    ).rejects.toThrow("Ana Ruiz cannot be their own manager.");
    const moved = await asUser(db, staff, (scope) =>
      updateEmployee(scope, { employeeId: sam.id, managerId: ana.id }),
    );
    expect(moved.changed).toBe(true);
    const [, updated] = await eventsOf(db, sam.id);
    expect(updated).toMatchObject({
      name: "employee.updated",
      data: { changes: { managerId: { before: li.id, after: ana.id } } },
    });
  });

  it("terminates today at once, and a later date only once it comes", async () => {
    const now = await hire("Noor", "Today", { hireDate: "2024-01-02" });
    const result = await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: now.id, terminationDate: dayFrom(0), reason: "Resigned" }),
    );
    expect(result.status).toBe("terminated");
    expect((await eventsOf(db, now.id)).at(-1)).toMatchObject({
      name: "employee.terminated",
      data: { terminatedAt: dayFrom(0), reason: "Resigned" },
    });
    await expect(
      asUser(db, staff, (scope) =>
        terminateEmployee(scope, { employeeId: now.id, terminationDate: dayFrom(0) }),
      ),
    ).rejects.toThrow(/already terminated on .*; reactivate them first/);

    const later = await hire("Lea", "Later");
    const scheduled = await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: later.id, terminationDate: dayFrom(14) }),
    );
    expect(scheduled.status).toBe("active");
    expect(await statusOf(db, later.id)).toEqual({ status: "active", termination_date: dayFrom(14) });
    expect((await eventsOf(db, later.id)).map((event) => event.name)).toEqual([
      "employee.created",
      "employee.updated",
    ]);

    const early = await hire("Early", "Bird", { hireDate: dayFrom(30) });
    await expect(
      asUser(db, staff, (scope) =>
        terminateEmployee(scope, { employeeId: early.id, terminationDate: dayFrom(1) }),
      ),
    ).rejects.toThrow(/Termination date .* cannot be before hire date/);
  });

  it("reactivates a terminated employee and cancels a scheduled termination", async () => {
    const gone = await hire("Rae", "Back");
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: gone.id, terminationDate: dayFrom(-1) }),
    );
    await asUser(db, staff, (scope) => reactivateEmployee(scope, gone.id));
    expect(await statusOf(db, gone.id)).toEqual({ status: "active", termination_date: null });
    expect((await eventsOf(db, gone.id)).at(-1)).toMatchObject({
      name: "employee.reactivated",
      data: { previousTerminationDate: dayFrom(-1) },
    });
    await expect(asUser(db, staff, (scope) => reactivateEmployee(scope, gone.id))).rejects.toThrow(
      "Rae Back is not terminated; there is nothing to reactivate.",
    );
  });
});

describe("linking a sign-in", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  it("lets an admin link one account to one person, and unlink it", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const portalUser = await createTestUser(db, tenant, "employee", { email: "emma@link.test" });
    const hire = (firstName: string) =>
      asUser(db, staff, (scope) => createEmployee(scope, { firstName, lastName: "Linked" }));
    const emma = await hire("Emma");
    const other = await hire("Otto");

    await expect(
      callerFor(staff).employees.linkUser({ employeeId: emma.id, userId: portalUser.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await callerFor(admin).employees.linkUser({ employeeId: emma.id, userId: portalUser.id });
    expect((await callerFor(staff).employees.get({ employeeId: emma.id })).user).toMatchObject({
      email: "emma@link.test",
    });
    await expect(
      callerFor(admin).employees.linkUser({ employeeId: other.id, userId: portalUser.id }),
    ).rejects.toThrow("emma@link.test is already linked to Emma Linked; unlink it there first.");
    await callerFor(admin).employees.linkUser({ employeeId: emma.id, userId: null });
    expect((await eventsOf(db, emma.id)).map((event) => event.data)).toContainEqual({
      changes: { userId: { before: portalUser.id, after: null } },
    });
  });
});

describe("a future-dated termination through the engine", () => {
  let harness: EngineHarness;
  beforeAll(async () => {
    harness = await startEngineHarness((client, db) => [
      createApplyDueTerminationsFn(client, { cron: "* * * * * *", database: async () => db }),
    ]);
    useDatabase({ db: harness.db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  it("takes effect on its day: terminated by the function, with employee.terminated", async () => {
    const db = harness.db;
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const leaving = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Ivo", lastName: "Leaves" }),
    );
    const staying = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Ulla", lastName: "Stays" }),
    );
    for (const id of [leaving.id, staying.id])
      await asUser(db, staff, (scope) =>
        terminateEmployee(scope, { employeeId: id, terminationDate: dayFrom(3), reason: "Contract end" }),
      );

    // Three days pass for Ivo: his date is now today.
    await withPlatform(db, (trx) =>
      trx
        .updateTable("employees")
        .set({ termination_date: sql<string>`current_date` })
        .where("id", "=", leaving.id)
        .execute(),
    );
    await waitFor(
      "the scheduled termination",
      async () => (await statusOf(db, leaving.id)).status === "terminated",
    );

    expect((await eventsOf(db, leaving.id)).at(-1)).toMatchObject({
      name: "employee.terminated",
      data: { terminatedAt: dayFrom(0), reason: "Contract end" },
      actor_label: "Automation: Apply due terminations",
    });
    await waitFor(
      "another cron run",
      async () => (await harness.runsFor("apply-due-terminations")).length >= 2,
    );
    expect(await statusOf(db, staying.id)).toEqual({ status: "active", termination_date: dayFrom(3) });
    expect(
      (await eventsOf(db, leaving.id)).filter((event) => event.name === "employee.terminated"),
    ).toHaveLength(1);
  });
});
