import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportUnderusedLicensesFn } from "@/inngest/functions/licenses/report-underused-licenses";
import { notifyLicenseUnderusedFunction } from "@/inngest/functions/notifications/notify-license-underused";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { updateLicense } from "@/server/licenses/services/update-license";
import { assignTestLicense, createTestLicense } from "../factories/licenses";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { aLaterRunOf, type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { bellOf, previewTransports } from "../support/preview-engine";
import { waitFor } from "../support/wait-for";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The weekly under-use scan through the embedded engine (here every second): a licence with fewer
 * than half its seats held, past its first 30 days, is reported once in 30 days; admins and IT
 * staff hear how many seats sit idle and what they cost.
 */
describe("under-used licences", () => {
  let harness: EngineHarness;
  let db: Db;
  beforeAll(async () => {
    harness = await startEngineHarness((client, harnessDb) => [
      createReportUnderusedLicensesFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
      createTenantFunction(client, notifyLicenseUnderusedFunction(previewTransports)),
    ]);
    db = harness.db;
    useDatabase({ db, driver: "postgres", listen: harness.listen, close: async () => {} });
  });
  afterAll(() => harness.close());

  const underusedEvents = (tenantId: string, licenseId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["data", "actor_label"])
        .where("name", "=", "license.underused")
        .where("entity_id", "=", licenseId)
        .orderBy("seq")
        .execute(),
    );

  /** Waits for a scan that started after now to complete: what it would report, it has. */
  const aLaterScan = () => aLaterRunOf(harness, "report-underused-licenses");

  it("tells admins and IT staff once of a licence with most seats idle; not of one in use, new or unlimited", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const auditor = await createTestUser(db, tenant, "auditor");
    const person = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Ines", lastName: "Idle" }),
    );
    const other = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Uma", lastName: "Used" }),
    );
    // The scan runs every second, so a licence is bought "last week" (too new to report) until its
    // seats are handed out; only then is its purchase moved back, past the first 30 days.
    const idle = await createTestLicense(db, staff, {
      name: "Adobe CC",
      vendor: "Adobe",
      seats: 10,
      costPerSeat: "55",
      purchasedOn: day(-7),
    });
    await assignTestLicense(db, staff, idle.id, person.id);
    await assignTestLicense(db, staff, idle.id, other.id);
    // Half held: in use. Bought last week: still being rolled out. No seat count: nothing idle.
    const used = await createTestLicense(db, staff, { name: "Slack", seats: 2, purchasedOn: day(-7) });
    await assignTestLicense(db, staff, used.id, person.id);
    for (const license of [idle, used]) {
      await asUser(db, staff, (scope) =>
        updateLicense(scope, { licenseId: license.id, purchasedOn: day(-90) }),
      );
    }
    const fresh = await createTestLicense(db, staff, { name: "Notion", seats: 50, purchasedOn: day(-7) });
    const unlimited = await createTestLicense(db, staff, { name: "Zoom", purchasedOn: day(-90) });
    harness.wake();

    const [forStaff] = await waitFor("the staff notification", async () => {
      const rows = await bellOf(db, staff, "license_underused");
      return rows.length > 0 && rows;
    });
    expect(forStaff).toEqual({
      title: "Adobe CC: 2 of 10 seats in use",
      body: "8 seats sit idle, costing $440.00 per seat period. Give the seats to people who need them, or buy fewer at renewal.",
      link: `/licenses/${idle.id}`,
    });
    await waitFor(
      "the admin notification",
      async () => (await bellOf(db, admin, "license_underused")).length === 1,
    );
    const preview = await waitFor("the email in the preview", () =>
      withTenant(db, tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "text"])
          .where("type", "=", "license_underused")
          .where("to_address", "=", staff.email)
          .executeTakeFirst(),
      ),
    );
    expect(preview.subject).toBe("Adobe CC: 2 of 10 seats in use");
    expect(preview.text).toContain("8 seats sit idle, costing $440.00 per seat period");

    await aLaterScan();
    await aLaterScan();
    expect(await underusedEvents(tenant.id, idle.id)).toEqual([
      {
        actor_label: "Automation: Report under-used licences",
        data: { name: "Adobe CC", vendor: "Adobe", seats: 10, seatsUsed: 2, idleCost: 440, currency: "USD" },
      },
    ]);
    expect(await bellOf(db, staff, "license_underused")).toHaveLength(1);
    expect(await bellOf(db, auditor, "license_underused")).toEqual([]);
    for (const license of [used, fresh, unlimited]) {
      expect(await underusedEvents(tenant.id, license.id), license.name).toEqual([]);
    }
  });
});
