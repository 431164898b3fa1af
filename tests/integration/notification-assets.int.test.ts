import { describe, expect, it } from "vitest";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { notifyAssetReturnedFunction } from "@/inngest/functions/notifications/notify-asset-returned";
import { notifyAssetTransferredFunction } from "@/inngest/functions/notifications/notify-asset-transferred";
import { notifyEmployeeTerminatedFunction } from "@/inngest/functions/notifications/notify-employee-terminated";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { returnAsset } from "@/server/assets/services/return-asset";
import { transferAsset } from "@/server/assets/services/transfer-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { setPreference } from "@/server/notifications/services/set-preference";
import { createAssetFixtures, createTestAsset } from "@/tests/factories/assets";
import { linkedEmployeeOf } from "@/tests/factories/portal";
import { asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { bellOf, previewEngine } from "@/tests/support/preview-engine";
import { waitFor } from "@/tests/support/wait-for";

const engine = previewEngine((client, transports) => [
  createTenantFunction(client, notifyAssetAssignedFunction(transports)),
  createTenantFunction(client, notifyAssetReturnedFunction(transports)),
  createTenantFunction(client, notifyAssetTransferredFunction(transports)),
  createTenantFunction(client, notifyEmployeeTerminatedFunction(transports)),
]);

/** The user's bell of this type once it has rung (exactly one). */
const rungBell = (db: Db, user: TestUser, type: string) =>
  waitFor(`${user.name}'s ${type} bell`, async () => {
    const rows = await bellOf(db, user, type);
    return rows.length > 0 && rows;
  });

/** The subject of the email of this type the user was sent, once it is in the mail preview. */
const emailSubjectTo = (db: Db, user: TestUser, type: string) =>
  waitFor(`${user.name}'s ${type} email`, async () => {
    const row = await withTenant(db, user.tenantId, (trx) =>
      trx
        .selectFrom("mail_previews")
        .select("subject")
        .where("type", "=", type)
        .where("to_address", "=", user.email)
        .executeTakeFirst(),
    );
    return row?.subject;
  });

const employeeNameOf = (db: Db, tenantId: string, employeeId: string) =>
  withTenant(db, tenantId, async (trx) => {
    const row = await trx
      .selectFrom("employees")
      .select(["first_name", "last_name"])
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    return `${row.first_name} ${row.last_name}`;
  });

/** A tenant whose IT staff hands out equipment, with two employees who have accounts. */
async function assetWorld() {
  const { tenant, admin } = await createTestTenant(engine.harness.db);
  const staff = await createTestUser(engine.harness.db, tenant, "it_staff");
  const erin = await createTestUser(engine.harness.db, tenant, "employee", { name: "Erin Employee" });
  const gus = await createTestUser(engine.harness.db, tenant, "employee", { name: "Gus Giver" });
  const { categoryId } = await createAssetFixtures(engine.harness.db, tenant.id);
  const asset = await createTestAsset(engine.harness.db, staff, categoryId, { name: "ThinkPad X1" });
  return { tenant, admin, staff, erin, gus, asset, categoryId };
}

describe("equipment coming back and moving on", () => {
  it("a return tells the employee who had it that it is checked back in, and nobody else", async () => {
    const { admin, staff, erin, gus, asset } = await assetWorld();
    const employeeId = await linkedEmployeeOf(engine.harness.db, erin);
    await linkedEmployeeOf(engine.harness.db, gus);
    await asUser(engine.harness.db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
    await asUser(engine.harness.db, staff, (scope) =>
      returnAsset(scope, { assetId: asset.id, condition: "good", toKind: "in_stock" }),
    );
    engine.harness.wake();

    const bell = await rungBell(engine.harness.db, erin, "asset_returned");
    expect(bell).toMatchObject([{ title: `${asset.tag} ThinkPad X1 is checked back in`, link: "/portal" }]);
    expect(await emailSubjectTo(engine.harness.db, erin, "asset_returned")).toBe(
      `${asset.tag} ThinkPad X1 is checked back in`,
    );
    for (const other of [gus, staff, admin]) {
      expect(await bellOf(engine.harness.db, other, "asset_returned")).toEqual([]);
    }
  });

  it("a transfer tells the new holder and the old one, each in their own words", async () => {
    const { admin, staff, erin, gus, asset } = await assetWorld();
    const gusId = await linkedEmployeeOf(engine.harness.db, gus);
    const erinId = await linkedEmployeeOf(engine.harness.db, erin);
    const gusName = await employeeNameOf(engine.harness.db, gus.tenantId, gusId);
    const erinName = await employeeNameOf(engine.harness.db, erin.tenantId, erinId);
    await asUser(engine.harness.db, staff, (scope) =>
      assignAsset(scope, { assetId: asset.id, employeeId: gusId }),
    );
    await asUser(engine.harness.db, staff, (scope) =>
      transferAsset(scope, { assetId: asset.id, toEmployeeId: erinId }),
    );
    engine.harness.wake();

    const received = `${asset.tag} ThinkPad X1 is now assigned to you (transferred from ${gusName})`;
    const given = `${asset.tag} ThinkPad X1 was transferred to ${erinName}`;
    expect(await rungBell(engine.harness.db, erin, "asset_transferred")).toMatchObject([
      { title: received, link: "/portal" },
    ]);
    expect(await rungBell(engine.harness.db, gus, "asset_transferred")).toMatchObject([
      { title: given, link: "/portal" },
    ]);
    expect(await emailSubjectTo(engine.harness.db, erin, "asset_transferred")).toBe(received);
    expect(await emailSubjectTo(engine.harness.db, gus, "asset_transferred")).toBe(given);
    expect(await bellOf(engine.harness.db, staff, "asset_transferred")).toEqual([]);
    expect(await bellOf(engine.harness.db, admin, "asset_transferred")).toEqual([]);
  });
});

describe("a manager's people", () => {
  it("a manager hears of equipment handed to their report only once they turn it on", async () => {
    const db = engine.harness.db;
    const { tenant, staff, erin, asset, categoryId } = await assetWorld();
    const maya = await createTestUser(db, tenant, "employee", { name: "Maya Manager" });
    const erinId = await linkedEmployeeOf(db, erin);
    const mayaId = await linkedEmployeeOf(db, maya);
    await withPlatform(db, (trx) =>
      trx.updateTable("employees").set({ manager_id: mayaId }).where("id", "=", erinId).execute(),
    );
    const erinName = await employeeNameOf(db, tenant.id, erinId);
    await asUser(db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId: erinId }));
    engine.harness.wake();
    await rungBell(db, erin, "asset_assigned");
    await waitFor("the first assignment's run", async () =>
      (await engine.harness.runsFor("notify-asset-assigned")).some(
        (run) => run.status === "completed" && JSON.stringify(run.trigger_events).includes(asset.id),
      )
        ? true
        : undefined,
    );
    expect(await bellOf(db, maya, "report_asset_assigned")).toEqual([]);

    for (const channel of ["in_app", "email"] as const) {
      await asUser(db, maya, (scope) =>
        setPreference(scope, { type: "report_asset_assigned", channel, enabled: true }),
      );
    }
    const second = await createTestAsset(db, staff, categoryId, { name: "Dell Monitor" });
    await asUser(db, staff, (scope) => assignAsset(scope, { assetId: second.id, employeeId: erinId }));
    engine.harness.wake();
    const title = `${erinName} now holds ${second.tag} Dell Monitor`;
    expect(await rungBell(db, maya, "report_asset_assigned")).toMatchObject([
      { title, link: "/portal/notifications" },
    ]);
    expect(await emailSubjectTo(db, maya, "report_asset_assigned")).toBe(title);
  });
});

describe("someone leaving", () => {
  it("a termination tells the admins in the bell only, and not IT staff or the leaver", async () => {
    const { tenant, admin } = await createTestTenant(engine.harness.db);
    const secondAdmin = await createTestUser(engine.harness.db, tenant, "admin");
    const staff = await createTestUser(engine.harness.db, tenant, "it_staff");
    const leaver = await createTestUser(engine.harness.db, tenant, "employee", { name: "Lee Leaver" });
    const employeeId = await linkedEmployeeOf(engine.harness.db, leaver);
    const name = await employeeNameOf(engine.harness.db, tenant.id, employeeId);
    const today = new Date().toISOString().slice(0, 10);
    const done = await asUser(engine.harness.db, admin, (scope) =>
      terminateEmployee(scope, { employeeId, terminationDate: today, timeZone: "UTC" }),
    );
    expect(done.status).toBe("terminated");
    engine.harness.wake();

    for (const told of [admin, secondAdmin]) {
      expect(await rungBell(engine.harness.db, told, "employee_terminated")).toMatchObject([
        { title: `${name} is leaving (last day ${today})`, link: `/employees/${employeeId}` },
      ]);
    }
    // email is off by default for this type: the bell is the only delivery
    const channels = await withTenant(engine.harness.db, tenant.id, (trx) =>
      trx
        .selectFrom("notification_deliveries")
        .select("channel")
        .where("user_id", "=", admin.id)
        .where("type", "=", "employee_terminated")
        .execute(),
    );
    expect(channels.map((d) => d.channel)).toEqual(["in_app"]);
    expect(await bellOf(engine.harness.db, staff, "employee_terminated")).toEqual([]);
    expect(await bellOf(engine.harness.db, leaver, "employee_terminated")).toEqual([]);
  });
});
