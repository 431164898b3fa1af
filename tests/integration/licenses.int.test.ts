import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { listEmployeeTimeline } from "@/server/employees/timeline";
import { AppError } from "@/server/errors";
import { employeeLicenses, getLicense, listLicenses } from "@/server/licenses/queries";
import { archiveLicense } from "@/server/licenses/services/archive-license";
import { assignLicense } from "@/server/licenses/services/assign-license";
import { revokeEmployeeLicenses } from "@/server/licenses/services/revoke-employee-licenses";
import { revokeLicense } from "@/server/licenses/services/revoke-license";
import { updateLicense } from "@/server/licenses/services/update-license";
import { createAssetFixtures } from "../factories/assets";
import { assignTestLicense, createTestLicense } from "../factories/licenses";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

/** A fresh tenant with IT staff and two employees (Jane, Omar). */
async function licenseTenant() {
  const { tenant } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  return { tenant, staff, jane: fixtures.jane, omar: fixtures.omar };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? `${error.code}: ${error.message}` : String(error)),
  );

const eventsOf = (staff: TestUser, entityId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data", "actor_type"])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute(),
  );

const detail = (staff: TestUser, licenseId: string) =>
  withTenant(db, staff.tenantId, (trx) => getLicense(trx, staff.tenantId, licenseId));

describe("licences", () => {
  it("a licence with 2 seats takes two people and refuses a third with the seat count; revoking frees a seat", async () => {
    const { staff, jane, omar } = await licenseTenant();
    const third = (await createAssetFixtures(db, staff.tenantId)).jane;
    const license = await createTestLicense(db, staff, {
      name: "Figma",
      vendor: "Figma Inc",
      seats: 2,
      costPerSeat: "15.00",
    });

    expect(await assignTestLicense(db, staff, license.id, jane.id)).toMatchObject({ seatsUsed: 1, seats: 2 });
    expect(await assignTestLicense(db, staff, license.id, omar.id)).toMatchObject({ seatsUsed: 2 });
    expect(await outcome(assignTestLicense(db, staff, license.id, third.id))).toBe(
      `CONFLICT: All 2 seats of Figma are in use; revoke a seat or add seats before assigning it to ${third.name}.`,
    );

    const list = await withTenant(db, staff.tenantId, (trx) => listLicenses(trx, staff.tenantId, {}));
    expect(list.items).toEqual([
      expect.objectContaining({
        name: "Figma",
        vendor: "Figma Inc",
        seats: 2,
        seatsUsed: 2,
        seatsFree: 0,
        costPerSeat: 15,
      }),
    ]);

    await asUser(db, staff, (scope) =>
      revokeLicense(scope, { licenseId: license.id, employeeId: jane.id, reason: "Moved to another team" }),
    );
    const after = await detail(staff, license.id);
    expect(after).toMatchObject({ seatsUsed: 1, seatsFree: 1 });
    expect(after.active.map((holder) => holder.employee.id)).toEqual([omar.id]);
    expect(after.past).toEqual([
      expect.objectContaining({
        employee: expect.objectContaining({ id: jane.id }),
        reason: "Moved to another team",
        revokedBy: staff.name,
      }),
    ]);
    // The freed seat goes to the third person.
    expect(await assignTestLicense(db, staff, license.id, third.id)).toMatchObject({ seatsUsed: 2 });
    expect((await eventsOf(staff, license.id)).map((event) => event.name)).toEqual([
      "license.created",
      "license.assigned",
      "license.assigned",
      "license.revoked",
      "license.assigned",
    ]);
  });

  it("refuses a second seat for the same person, and anyone who has left; unlimited licences take everyone", async () => {
    const { staff, jane, omar } = await licenseTenant();
    const license = await createTestLicense(db, staff, { name: "Slack" });
    await assignTestLicense(db, staff, license.id, jane.id);
    expect(await outcome(assignTestLicense(db, staff, license.id, jane.id))).toBe(
      `CONFLICT: ${jane.name} already has a seat of Slack.`,
    );
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, {
        employeeId: omar.id,
        terminationDate: new Date().toISOString().slice(0, 10),
      }),
    );
    expect(await outcome(assignTestLicense(db, staff, license.id, omar.id))).toBe(
      `INVALID_TRANSITION: ${omar.name} has left the organization; licences cannot be assigned to them.`,
    );
    expect((await detail(staff, license.id)).seatsFree).toBeNull();
  });

  it("two people taking the last seat at once: exactly one succeeds", async () => {
    const { staff, jane, omar } = await licenseTenant();
    const license = await createTestLicense(db, staff, { name: "Adobe CC", seats: 1 });
    const results = await Promise.all(
      [jane, omar].map((person) => outcome(assignTestLicense(db, staff, license.id, person.id))),
    );
    expect(results.filter((result) => result === "OK")).toHaveLength(1);
    expect(results.find((result) => result !== "OK")).toMatch(
      /^CONFLICT: All 1 seats of Adobe CC are in use/,
    );
  });

  it("revokes all of an employee's licences with one reason, shown on their timeline; seats cannot be lowered below those in use", async () => {
    const { staff, jane, omar } = await licenseTenant();
    const figma = await createTestLicense(db, staff, { name: "Figma", seats: 5 });
    const slack = await createTestLicense(db, staff, { name: "Slack" });
    const other = await createTestLicense(db, staff, { name: "Zoom" });
    await assignTestLicense(db, staff, figma.id, jane.id);
    await assignTestLicense(db, staff, slack.id, jane.id);
    await assignTestLicense(db, staff, other.id, omar.id);
    await assignTestLicense(db, staff, figma.id, omar.id);

    expect(
      await outcome(asUser(db, staff, (scope) => updateLicense(scope, { licenseId: figma.id, seats: 1 }))),
    ).toBe("CONFLICT: Figma has 2 seats in use; revoke 1 before lowering it to 1.");

    const result = await asSystem(db, staff.tenantId, (scope) =>
      revokeEmployeeLicenses(scope, { employeeId: jane.id, reason: "Left the company" }),
    );
    expect(result).toEqual({ revoked: 2 });
    const held = (employeeId: string) =>
      withTenant(db, staff.tenantId, (trx) => employeeLicenses(trx, staff.tenantId, employeeId));
    expect(await held(jane.id)).toEqual([]);
    expect((await held(omar.id)).map((row) => row.license.name)).toEqual(["Figma", "Zoom"]);
    // Nothing left to revoke: a second run revokes nothing and emits nothing.
    expect(
      await asSystem(db, staff.tenantId, (scope) =>
        revokeEmployeeLicenses(scope, { employeeId: jane.id, reason: "Left the company" }),
      ),
    ).toEqual({ revoked: 0 });
    const revoked = (await eventsOf(staff, slack.id)).filter((event) => event.name === "license.revoked");
    expect(revoked).toEqual([
      expect.objectContaining({
        actor_type: "system",
        data: expect.objectContaining({ employeeId: jane.id, reason: "Left the company" }),
      }),
    ]);
    const timeline = await withTenant(db, staff.tenantId, (trx) =>
      listEmployeeTimeline(trx, staff.tenantId, jane.id, 20),
    );
    expect(timeline.map((entry) => entry.name).filter((name) => name.startsWith("license."))).toEqual([
      "license.revoked",
      "license.revoked",
      "license.assigned",
      "license.assigned",
    ]);
    expect((await detail(staff, slack.id)).past[0]?.revokedBy).toBe("Automation");
  });

  it("archives a licence only once nobody holds it; archived licences take no seats and leave the list", async () => {
    const { staff, jane } = await licenseTenant();
    const license = await createTestLicense(db, staff, { name: "Jira", seats: 3 });
    await assignTestLicense(db, staff, license.id, jane.id);
    const archive = () => asUser(db, staff, (scope) => archiveLicense(scope, { licenseId: license.id }));
    expect(await outcome(archive())).toBe(
      "INVALID_TRANSITION: Jira still has 1 holder; revoke their seats before archiving it.",
    );
    await asUser(db, staff, (scope) =>
      revokeLicense(scope, { licenseId: license.id, employeeId: jane.id, reason: "Tool retired" }),
    );
    await archive();
    expect(await outcome(assignTestLicense(db, staff, license.id, jane.id))).toBe(
      "INVALID_TRANSITION: Jira is archived; its seats cannot be assigned.",
    );
    const list = (includeArchived: boolean) =>
      withTenant(db, staff.tenantId, (trx) => listLicenses(trx, staff.tenantId, { includeArchived }));
    expect((await list(false)).items).toEqual([]);
    expect((await list(true)).items).toEqual([expect.objectContaining({ name: "Jira", archived: true })]);
  });

  it("refuses an expiry before the purchase date, and flags licences expiring within 30 days or expired", async () => {
    const { staff } = await licenseTenant();
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    expect(
      await outcome(
        createTestLicense(db, staff, { name: "Backwards", purchasedOn: day(0), expiresOn: day(-10) }),
      ),
    ).toMatch(/Expires on .* cannot be before purchased on/);
    await createTestLicense(db, staff, { name: "A soon", expiresOn: day(10) });
    await createTestLicense(db, staff, { name: "B expired", expiresOn: day(-1) });
    await createTestLicense(db, staff, { name: "C later", expiresOn: day(90) });
    const { items } = await withTenant(db, staff.tenantId, (trx) => listLicenses(trx, staff.tenantId, {}));
    expect(items.map((item) => [item.name, item.expiry])).toEqual([
      ["A soon", "soon"],
      ["B expired", "expired"],
      ["C later", null],
    ]);
  });

  it("row-level security: another tenant's staff see none of the licences or seats, and cannot assign them", async () => {
    const { staff, jane } = await licenseTenant();
    const license = await createTestLicense(db, staff, { name: "Secret tool", seats: 2 });
    await assignTestLicense(db, staff, license.id, jane.id);
    const other = await licenseTenant();
    // Even a query with no tenant filter sees only the tenant of its transaction.
    const seen = await withTenant(db, other.tenant.id, async (trx) => ({
      licenses: await trx.selectFrom("licenses").select("id").execute(),
      assignments: await trx.selectFrom("license_assignments").select("id").execute(),
    }));
    expect(seen).toEqual({ licenses: [], assignments: [] });
    expect(await outcome(assignTestLicense(db, other.staff, license.id, other.jane.id))).toBe(
      "NOT_FOUND: That licence does not exist in this organization.",
    );
    await expect(
      withTenant(db, other.tenant.id, (trx) =>
        trx
          .insertInto("license_assignments")
          .values({ tenant_id: staff.tenantId, license_id: license.id, employee_id: jane.id })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await detail(staff, license.id)).seatsUsed).toBe(1);
  });

  it("an assignment as a service refuses an employee of another tenant", async () => {
    const { staff } = await licenseTenant();
    const other = await licenseTenant();
    const license = await createTestLicense(db, staff, { seats: 2 });
    expect(
      await outcome(
        asUser(db, staff, (scope) =>
          assignLicense(scope, { licenseId: license.id, employeeId: other.jane.id }),
        ),
      ),
    ).toBe("NOT_FOUND: That employee does not exist in this organization.");
  });
});
