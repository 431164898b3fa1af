import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createReportExpiringWarrantiesFn } from "@/inngest/functions/assets/report-expiring-warranties";
import { notifySyncCompletedFunction } from "@/inngest/functions/integrations/notify-sync-completed";
import { syncIntegrationFunction } from "@/inngest/functions/integrations/sync-integration";
import { notifyNewHireSyncedFunction } from "@/inngest/functions/notifications/notify-new-hire-synced";
import { notifyWarrantiesExpiringFunction } from "@/inngest/functions/notifications/notify-warranties-expiring";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { changeUserRole } from "@/server/accounts/services/change-user-role";
import { type Db, withTenant } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { findRun } from "@/server/integrations/queries";
import { createIntegration } from "@/server/integrations/services/create-integration";
import { requestSync } from "@/server/integrations/services/request-sync";
import { setPreference } from "@/server/notifications/services/set-preference";
import { createAssetFixtures, createTestAsset } from "@/tests/factories/assets";
import { bambooInput, ok, person, scriptedProvider } from "@/tests/factories/integrations";
import { asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { completedRunFor } from "@/tests/support/engine-harness";
import { bellOf, previewEngine } from "@/tests/support/preview-engine";
import { waitFor } from "@/tests/support/wait-for";

/**
 * What IT staff and admins hear of without anyone acting: warranties ending (a daily check), new
 * hires an HR sync brought in, and (for those who asked) completed syncs. The warranty check runs
 * every second here as of `today`, a day far enough ahead that only this file's assets are due.
 */
let today = "2091-03-01";
let provider = scriptedProvider([]);

const engine = previewEngine((client, transports, db) => [
  createReportExpiringWarrantiesFn(client, {
    cron: "* * * * * *",
    database: async () => db,
    today: () => today,
  }),
  createTenantFunction(client, notifyWarrantiesExpiringFunction(transports)),
  createTenantFunction(
    client,
    syncIntegrationFunction(() => provider.runtime),
  ),
  createTenantFunction(client, notifyNewHireSyncedFunction(transports)),
  createTenantFunction(client, notifySyncCompletedFunction(transports)),
]);

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A tenant with an admin, IT staff, an auditor and an employee, and a category to make assets in. */
async function staffWorld() {
  const db = engine.harness.db;
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const auditor = await createTestUser(db, tenant, "auditor");
  const employee = await createTestUser(db, tenant, "employee");
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  const asset = (name: string, warrantyEnd?: string) =>
    createTestAsset(db, staff, categoryId, { name, warrantyEnd });
  /** Sets warranty ends in one transaction, so one run of the check sees them all. */
  const setWarranties = (ends: [{ id: string }, string][]) =>
    withTenant(db, tenant.id, async (trx) => {
      for (const [{ id }, end] of ends) {
        await trx.updateTable("assets").set({ warranty_end: end }).where("id", "=", id).execute();
      }
    });
  return { tenant, admin: admin as TestUser, staff, auditor, employee, categoryId, asset, setWarranties };
}

/** The user's bells of `type` once there are `count` of them. */
const bells = (db: Db, user: TestUser, type: string, count: number) =>
  waitFor(
    `${count} ${type} bells for ${user.name}`,
    async () => {
      const rows = await bellOf(db, user, type);
      return rows.length >= count && rows;
    },
    20_000,
  );

/** The runs of the warranty check completed so far. */
const completedChecks = async () => {
  const runs = await engine.harness.runsFor("report-expiring-warranties");
  return runs.filter((run) => run.status === "completed").length;
};
const twoMoreChecks = async () => {
  const before = await completedChecks();
  await waitFor("two more warranty checks", async () => (await completedChecks()) >= before + 2, 20_000);
};

const mailTo = (db: Db, user: TestUser, type: string) =>
  withTenant(db, user.tenantId, (trx) =>
    trx
      .selectFrom("mail_previews")
      .select(["subject", "text"])
      .where("type", "=", type)
      .where("to_address", "=", user.email)
      .orderBy("created_at")
      .execute(),
  );

describe("warranties expiring", () => {
  it("tells IT staff and admins at 30 days and again at 7, once each, in one notice per day and threshold", async () => {
    const db = engine.harness.db;
    const w = await staffWorld();
    const soon = await w.asset("Pixel 9");
    const month = await w.asset("ThinkPad X1");
    const weeks = await w.asset("Dell U2723QE");
    const later = await w.asset("iPad Air");
    const ended = await w.asset("Old phone");
    await w.setWarranties([
      [soon, addDays(today, 5)],
      [month, addDays(today, 30)],
      [weeks, addDays(today, 12)],
      [later, addDays(today, 45)],
      [ended, addDays(today, -1)],
    ]);

    for (const told of [w.admin, w.staff]) {
      const rows = await bells(db, told, "warranty_expiring", 2);
      expect(rows).toHaveLength(2);
      expect(rows).toEqual(
        expect.arrayContaining([
          {
            title: `The warranty of ${soon.tag} Pixel 9 ends on ${addDays(today, 5)}`,
            body: "Renew it or plan a replacement: its warranty ends within 7 days.",
            link: `/assets/${soon.id}`,
          },
          {
            title: "2 warranties end within 30 days",
            body: `Ending soonest: ${weeks.tag} (${addDays(today, 12)}), ${month.tag} (${addDays(today, 30)}). Renew them or plan replacements.`,
            link: "/assets?warranty=30&sort=warranty_end&dir=asc",
          },
        ]),
      );
    }
    const mail = await waitFor("the 30-day email", async () => {
      const rows = await mailTo(db, w.staff, "warranty_expiring");
      return rows.find((row) => row.subject === "2 warranties end within 30 days");
    });
    expect(mail.text).toContain(`${weeks.tag} Dell U2723QE: ends ${addDays(today, 12)}`);
    expect(mail.text).toContain(`${month.tag} ThinkPad X1: ends ${addDays(today, 30)}`);
    for (const untold of [w.auditor, w.employee]) {
      expect(await bellOf(db, untold, "warranty_expiring")).toEqual([]);
    }

    // The check runs again and again the same day: nobody is told twice.
    await twoMoreChecks();
    expect(await bellOf(db, w.staff, "warranty_expiring")).toHaveLength(2);

    // 23 days later: the 30-day asset reaches 7 days, the 45-day one 30 days; the rest were told.
    today = addDays(today, 23);
    const next = await bells(db, w.staff, "warranty_expiring", 4);
    expect(next.slice(2).map((row) => row.title)).toEqual(
      expect.arrayContaining([
        `The warranty of ${month.tag} ThinkPad X1 ends on ${addDays(today, 7)}`,
        `The warranty of ${later.tag} iPad Air ends on ${addDays(today, 22)}`,
      ]),
    );
    await twoMoreChecks();
    expect(await bellOf(db, w.staff, "warranty_expiring")).toHaveLength(4);
  });

  it("hundreds ending the same day make one notice each, naming the first and counting the rest", async () => {
    const db = engine.harness.db;
    const w = await staffWorld();
    const end = addDays(today, 20);
    await withTenant(db, w.tenant.id, (trx) =>
      sql`insert into assets (tenant_id, tag, name, category_id, status_id, warranty_end)
          select ${w.tenant.id}::uuid, 'BULK-' || lpad(n::text, 4, '0'), 'Monitor', ${w.categoryId}::uuid,
                 (select id from statuses where kind = 'in_stock' and is_default), ${end}::date
            from generate_series(1, 300) n`.execute(trx),
    );
    const [bell] = await bells(db, w.staff, "warranty_expiring", 1);
    expect(bell?.title).toBe("300 warranties end within 30 days");
    expect(bell?.body).toContain(`BULK-0001 (${end}), BULK-0002 (${end})`);
    expect(bell?.body).toContain("and 295 more");
    const [mail] = await waitFor("the email", async () => {
      const rows = await mailTo(db, w.admin, "warranty_expiring");
      return rows.length > 0 && rows;
    });
    expect(mail?.text).toContain("BULK-0050 Monitor");
    expect(mail?.text).not.toContain("BULK-0051");
    expect(mail?.text).toContain("and 250 more in the asset list");
    await twoMoreChecks();
    expect(await bellOf(db, w.staff, "warranty_expiring")).toHaveLength(1);
    expect(await bellOf(db, w.admin, "warranty_expiring")).toHaveLength(1);
  });

  it("someone who stops being IT staff stops hearing of warranties", async () => {
    const db = engine.harness.db;
    const w = await staffWorld();
    const other = await createTestUser(db, w.tenant, "it_staff");
    await asUser(db, w.admin, (scope) => changeUserRole(scope, { userId: other.id, role: "employee" }));
    await w.asset("ThinkPad X1", addDays(today, 3));

    await bells(db, w.staff, "warranty_expiring", 1);
    await bells(db, w.admin, "warranty_expiring", 1);
    await completedRunFor(engine.harness, "notify-warranties-expiring", w.tenant.id);
    const deliveries = await withTenant(db, w.tenant.id, (trx) =>
      trx.selectFrom("notification_deliveries").select("id").where("user_id", "=", other.id).execute(),
    );
    expect(deliveries).toEqual([]);
  });
});

describe("HR syncs", () => {
  const realToday = new Date().toISOString().slice(0, 10);

  async function syncWorld(people: ReturnType<typeof person>[]) {
    const db = engine.harness.db;
    const w = await staffWorld();
    provider = scriptedProvider([people.map(ok)]);
    const { id } = await asUser(db, w.admin, (scope) =>
      createIntegration(scope, provider.runtime, bambooInput("People HR")),
    );
    const run = async () => {
      const queued = await asUser(db, w.admin, (scope) =>
        requestSync(scope, provider.runtime, { integrationId: id, trigger: "manual" }),
      );
      if (!queued) throw new Error("the sync was not queued");
      engine.harness.wake();
      return waitFor(
        "the sync to end",
        async () => {
          const found = await withTenant(db, w.tenant.id, (trx) => findRun(trx, w.tenant.id, queued.runId));
          return ["succeeded", "partial", "failed"].includes(found.status) && found;
        },
        30_000,
      );
    };
    return { ...w, integrationId: id, run };
  }

  it("tells IT staff and admins of each recent or coming hire a sync created, and not of long-time staff", async () => {
    const db = engine.harness.db;
    const recent = addDays(realToday, -10);
    const coming = addDays(realToday, 14);
    const w = await syncWorld([
      person("1", { hireDate: recent, title: "Designer" }),
      person("2", { hireDate: coming }),
      person("3", { hireDate: "2020-01-06" }),
    ]);
    expect((await w.run()).status).toBe("succeeded");

    for (const told of [w.admin, w.staff]) {
      const rows = await bells(db, told, "new_hire_synced", 2);
      expect(rows.map((row) => row.title).sort()).toEqual([
        `New hire from People HR: First1 Last1 starts on ${recent}`,
        `New hire from People HR: First2 Last2 starts on ${coming}`,
      ]);
      expect(rows.find((row) => row.title.includes("First1"))?.body).toBe(
        `First1 Last1 joins as Designer on ${recent}. Prepare their equipment and accounts.`,
      );
      expect(rows.every((row) => row.link?.startsWith("/employees/"))).toBe(true);
    }
    const mail = await waitFor("the new hire email", async () => {
      const rows = await mailTo(db, w.staff, "new_hire_synced");
      return rows.length === 2 && rows;
    });
    expect(mail.map((row) => row.subject)).toContain(
      `New hire from People HR: First2 Last2 starts on ${coming}`,
    );
    expect(await bellOf(db, w.auditor, "new_hire_synced")).toEqual([]);
    expect(await bellOf(db, w.employee, "new_hire_synced")).toEqual([]);
  });

  it("an employee added by hand starts no new-hire run; the sync's hire does", async () => {
    const db = engine.harness.db;
    const w = await syncWorld([person("1", { hireDate: addDays(realToday, -3) })]);
    const byHand = await asUser(db, w.staff, (scope) =>
      createEmployee(scope, { firstName: "Hand", lastName: "Made", hireDate: addDays(realToday, -2) }),
    );
    expect((await w.run()).status).toBe("succeeded");
    await bells(db, w.staff, "new_hire_synced", 1);
    await completedRunFor(engine.harness, "notify-new-hire-synced", w.tenant.id);
    const runs = (await engine.harness.runsFor("notify-new-hire-synced")).filter((run) =>
      JSON.stringify(run.trigger_event).includes(w.tenant.id),
    );
    const [handEvent] = await withTenant(db, w.tenant.id, (trx) =>
      trx.selectFrom("events").select("id").where("entity_id", "=", byHand.id).execute(),
    );
    expect(runs).toHaveLength(1);
    expect(runs.map((run) => run.trigger_event_id)).not.toContain(handEvent?.id);
    expect((await bellOf(db, w.staff, "new_hire_synced")).map((bell) => bell.title)).toEqual([
      `New hire from People HR: First1 Last1 starts on ${addDays(realToday, -3)}`,
    ]);
  });

  it("a completed sync is reported, with its counts, only to admins who turned it on", async () => {
    const db = engine.harness.db;
    const w = await syncWorld([person("1"), person("2"), person("3")]);
    const optedIn = await createTestUser(db, w.tenant, "admin");
    await asUser(db, optedIn, (scope) =>
      setPreference(scope, { type: "integration_sync_completed", channel: "in_app", enabled: true }),
    );
    await w.run();
    const [bell] = await bells(db, optedIn, "integration_sync_completed", 1);
    expect(bell).toEqual({
      title: "The People HR sync completed: 3 created, 0 updated, 0 failed",
      body: "Every record was applied (3 created, 0 updated, 0 failed).",
      link: `/settings/integrations/${w.integrationId}`,
    });
    await completedRunFor(engine.harness, "notify-integration-sync-completed", w.tenant.id);
    // Off by default: the other admin hears nothing on any channel, email included.
    const theirs = await withTenant(db, w.tenant.id, (trx) =>
      trx
        .selectFrom("notification_deliveries")
        .select("channel")
        .where("user_id", "=", w.admin.id)
        .where("type", "=", "integration_sync_completed")
        .execute(),
    );
    expect(theirs).toEqual([]);
    expect(await mailTo(db, optedIn, "integration_sync_completed")).toEqual([]);
  });
});
