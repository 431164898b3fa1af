import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportExpiringLicensesFn } from "@/inngest/functions/licenses/report-expiring-licenses";
import { notifyLicenseExpiringFunction } from "@/inngest/functions/notifications/notify-license-expiring";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { updateLicense } from "@/server/licenses/services/update-license";
import { createTestLicense } from "../factories/licenses";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { aLaterRunOf, type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { bellOf, previewTransports } from "../support/preview-engine";
import { waitFor } from "../support/wait-for";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The daily expiry scan through the embedded engine (here every second): a licence 30 or 7 days
 * from its expiry is reported once per threshold and date, and admins and IT staff are told.
 */
describe("licence expiry warnings", () => {
  let harness: EngineHarness;
  let db: Db;
  beforeAll(async () => {
    harness = await startEngineHarness((client, harnessDb) => [
      createReportExpiringLicensesFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
      createTenantFunction(client, notifyLicenseExpiringFunction(previewTransports)),
    ]);
    db = harness.db;
    useDatabase({ db, driver: "postgres", listen: harness.listen, close: async () => {} });
  });
  afterAll(() => harness.close());

  const expiringEvents = (tenantId: string, licenseId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["data", "actor_label"])
        .where("name", "=", "license.expiring")
        .where("entity_id", "=", licenseId)
        .orderBy("seq")
        .execute(),
    );

  /** Waits for a scan that started after now to complete: what it would report, it has. */
  const aLaterScan = () => aLaterRunOf(harness, "report-expiring-licenses");

  it("a licence expiring in 6 days tells admins and IT staff once, however often the scan runs", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const auditor = await createTestUser(db, tenant, "auditor");
    const soon = await createTestLicense(db, staff, {
      name: "Figma",
      vendor: "Figma Inc",
      expiresOn: day(6),
    });
    const later = await createTestLicense(db, staff, { name: "Slack", expiresOn: day(60) });
    harness.wake();

    const [forStaff] = await waitFor("the staff notification", async () => {
      const rows = await bellOf(db, staff, "license_expiring");
      return rows.length > 0 && rows;
    });
    expect(forStaff).toMatchObject({
      title: `Figma expires in 6 days (${day(6)})`,
      link: `/licenses/${soon.id}`,
    });
    await waitFor(
      "the admin notification",
      async () => (await bellOf(db, admin, "license_expiring")).length === 1,
    );
    const preview = await waitFor("the email in the preview", () =>
      withTenant(db, tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject"])
          .where("type", "=", "license_expiring")
          .where("to_address", "=", staff.email)
          .executeTakeFirst(),
      ),
    );
    expect(preview.subject).toBe(`Figma expires in 6 days (${day(6)})`);

    await aLaterScan();
    await aLaterScan();
    expect(await expiringEvents(tenant.id, soon.id)).toEqual([
      {
        actor_label: "Automation: Report expiring licences",
        data: expect.objectContaining({ thresholdDays: 7, daysLeft: 6, expiresOn: day(6) }),
      },
    ]);
    expect(await bellOf(db, staff, "license_expiring")).toHaveLength(1);
    expect(await bellOf(db, admin, "license_expiring")).toHaveLength(1);
    expect(await bellOf(db, auditor, "license_expiring")).toEqual([]);
    expect(await expiringEvents(tenant.id, later.id)).toEqual([]);

    // Renewed to a date 25 days out: the 30-day warning for the new date comes once.
    await asUser(db, staff, (scope) => updateLicense(scope, { licenseId: soon.id, expiresOn: day(25) }));
    harness.wake();
    await waitFor("the warning for the new date", async () =>
      (await expiringEvents(tenant.id, soon.id)).length === 2 ? true : undefined,
    );
    await aLaterScan();
    expect((await expiringEvents(tenant.id, soon.id)).map((event) => event.data)).toEqual([
      expect.objectContaining({ thresholdDays: 7, expiresOn: day(6) }),
      expect.objectContaining({ thresholdDays: 30, daysLeft: 25, expiresOn: day(25) }),
    ]);
  });
});
