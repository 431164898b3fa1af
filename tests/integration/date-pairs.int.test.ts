import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db";
import { importProblemsPage } from "@/server/assets/import/queries";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { recordMaintenance } from "@/server/assets/services/record-maintenance";
import { updateAsset } from "@/server/assets/services/update-asset";
import { type Db, withTenant } from "@/server/db";
import { UpdateEmployeeInput } from "@/server/employees/schemas";
import { createEmployee } from "@/server/employees/services/create-employee";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { AppError } from "@/server/errors";
import { todayIn } from "@/server/schemas/calendar";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { dryRunImport } from "../factories/imports";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
});
afterAll(() => handle.close());

/** The field messages an operation was refused with, or the AppError's message. */
async function refusalOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((issue) => [issue.path.join("."), issue.message]);
    if (error instanceof AppError) return [error.code, error.message];
    throw error;
  }
  throw new Error("expected the operation to be refused");
}

describe("impossible date pairs", () => {
  it("refuses a new asset whose warranty or end of life comes before its purchase, on those fields", async () => {
    const refused = await refusalOf(
      createTestAsset(db, staff, fixtures.categoryId, {
        purchaseDate: "2026-03-01",
        warrantyEnd: "2026-02-28",
        endOfLife: "2025-12-31",
      }),
    );
    expect(refused).toEqual([
      ["warrantyEnd", "Warranty end (2026-02-28) cannot be before purchase date (2026-03-01)."],
      ["endOfLife", "End of life (2025-12-31) cannot be before purchase date (2026-03-01)."],
    ]);
    // The same day is fine: a warranty can end the day it starts.
    await createTestAsset(db, staff, fixtures.categoryId, {
      purchaseDate: "2026-03-01",
      warrantyEnd: "2026-03-01",
    });
  });

  it("checks a date edited alone against the stored other one", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { purchaseDate: "2026-03-01" });
    expect(
      await refusalOf(
        asUser(db, staff, (scope) => updateAsset(scope, { assetId: asset.id, warrantyEnd: "2026-01-01" })),
      ),
    ).toEqual(["BAD_REQUEST", "Warranty end (2026-01-01) cannot be before purchase date (2026-03-01)."]);
    expect(
      await refusalOf(
        asUser(db, staff, (scope) =>
          updateAsset(scope, { assetId: asset.id, purchaseDate: "2026-03-02", warrantyEnd: "2026-03-01" }),
        ),
      ),
    ).toEqual([["warrantyEnd", "Warranty end (2026-03-01) cannot be before purchase date (2026-03-02)."]]);
    const stored = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("assets")
        .select(["purchase_date", "warranty_end"])
        .where("id", "=", asset.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ purchase_date: "2026-03-01", warranty_end: null });
  });

  it("reports the CSV rows with impossible dates, naming both columns", async () => {
    const tag = `DP-${randomUUID().slice(0, 8)}`;
    const csv = [
      "Tag,Name,Category,Purchase Date,Warranty End,End of Life",
      `${tag},Laptop,${fixtures.categoryName},2026-03-01,2029-03-01,2025-03-01`,
    ].join("\n");
    const dryRun = await dryRunImport(db, staff, csv);
    const problems = await withTenant(db, staff.tenantId, (trx) =>
      importProblemsPage(trx, staff.tenantId, { importId: dryRun.id, page: 1, pageSize: 50 }),
    );
    expect(problems.items.map((problem) => [problem.line, problem.column, problem.message])).toEqual([
      [2, "End of Life", "End of life (2025-03-01) cannot be before purchase date (2026-03-01)."],
    ]);
  });

  it("refuses an employee's termination before their hire", () => {
    const parsed = UpdateEmployeeInput.safeParse({
      employeeId: randomUUID(),
      hireDate: "2026-04-01",
      terminationDate: "2026-03-31",
    });
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["terminationDate", "Termination date (2026-03-31) cannot be before hire date (2026-04-01)."],
    ]);
  });

  it("refuses a termination before the hire date stored for the person", async () => {
    const person = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Rowan", lastName: "Hale", hireDate: "2026-04-01" }),
    );
    expect(
      await refusalOf(
        asUser(db, staff, (scope) =>
          terminateEmployee(scope, { employeeId: person.id, terminationDate: "2026-03-31", reason: null }),
        ),
      ),
    ).toEqual(["BAD_REQUEST", "Termination date (2026-03-31) cannot be before hire date (2026-04-01)."]);
    const stored = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("employees")
        .select(["status", "termination_date"])
        .where("id", "=", person.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ status: "active", termination_date: null });
  });

  it("refuses an expected return date that has already passed when assigning", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    expect(
      await refusalOf(
        asUser(db, staff, (scope) =>
          assignAsset(scope, {
            assetId: asset.id,
            employeeId: fixtures.jane.id,
            expectedReturnAt: "2020-01-31",
          }),
        ),
      ),
    ).toEqual([
      "BAD_REQUEST",
      "Expected return (2020-01-31) has already passed; choose today or a later day.",
    ]);
    // The viewer's today is fine, wherever they are.
    const zone = "Pacific/Kiritimati";
    await asUser(db, staff, (scope) =>
      assignAsset(scope, {
        assetId: asset.id,
        employeeId: fixtures.jane.id,
        expectedReturnAt: todayIn(zone),
        timeZone: zone,
      }),
    );
  });

  it("refuses maintenance dated before the asset's purchase, and takes today in the viewer's zone", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { purchaseDate: "2026-03-01" });
    const maintain = (performedOn: string, timeZone?: string) =>
      asUser(db, staff, (scope) =>
        recordMaintenance(scope, { assetId: asset.id, performedOn, notes: "Fan cleaned", timeZone }),
      );
    expect(await refusalOf(maintain("2026-02-28"))).toEqual([
      "BAD_REQUEST",
      "Maintenance date (2026-02-28) cannot be before purchase date (2026-03-01).",
    ]);
    // UTC+14's today is a day ahead of UTC's for most of the day: still today for that viewer.
    const zone = "Pacific/Kiritimati";
    const today = todayIn(zone);
    await maintain(today, zone);
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(await refusalOf(maintain(tomorrow, zone))).toEqual([
      "BAD_REQUEST",
      "Maintenance cannot be recorded for a future date.",
    ]);
  });
});
