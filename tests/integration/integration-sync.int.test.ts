import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifySyncFailedFunction } from "@/inngest/functions/integrations/notify-sync-failed";
import { syncIntegrationFunction } from "@/inngest/functions/integrations/sync-integration";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { useDatabase, withPlatform, withTenant } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { updateEmployee } from "@/server/employees/services/update-employee";
import { guardedFetch } from "@/server/integrations/guarded-fetch";
import { IntegrationError, type PulledRecord } from "@/server/integrations/hris/adapter";
import { adapterFor } from "@/server/integrations/hris/registry";
import { findRun } from "@/server/integrations/queries";
import type { FieldPolicy } from "@/server/integrations/schemas";
import { createIntegration } from "@/server/integrations/services/create-integration";
import { removeIntegration } from "@/server/integrations/services/remove-integration";
import { requestSync } from "@/server/integrations/services/request-sync";
import { deploymentTransports } from "@/server/notifications/services/send-delivery";
import { createDepartment } from "@/server/reference/names/services/create-department";
import { bambooInput, ok, person, scriptedProvider } from "../factories/integrations";
import { callerFor } from "../factories/isolation";
import { setQuietHours } from "../factories/notifications";
import { asUser, createSuperAdmin, createTestTenant, type TestUser } from "../factories/tenants";
import { startFakeBamboo } from "../fakes/hris/bamboohr";
import { demoIds, demoPeople } from "../fakes/hris/demo-people";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

let harness: EngineHarness;
let current = scriptedProvider([]);

beforeAll(async () => {
  harness = await startEngineHarness((client) => [
    createTenantFunction(
      client,
      syncIntegrationFunction(() => current.runtime),
    ),
    createTenantFunction(client, notifySyncFailedFunction(deploymentTransports)),
  ]);
  useDatabase({ db: harness.db, driver: "postgres", listen: harness.listen, close: async () => {} });
});
afterAll(() => harness.close());

type World = { admin: TestUser; integrationId: string; provider: ReturnType<typeof scriptedProvider> };

async function world(pages: PulledRecord[][], fieldPolicy: FieldPolicy = "provider_wins"): Promise<World> {
  const { admin } = await createTestTenant(harness.db);
  const provider = scriptedProvider(pages);
  current = provider;
  const { id } = await asUser(harness.db, admin as TestUser, (scope) =>
    createIntegration(scope, provider.runtime, { ...bambooInput("People HR"), fieldPolicy }),
  );
  return { admin: admin as TestUser, integrationId: id, provider };
}

/** Presses Sync now and waits for the run to end. */
async function sync(w: World, options: { full?: boolean } = {}) {
  const queued = await asUser(harness.db, w.admin, (scope) =>
    requestSync(scope, w.provider.runtime, {
      integrationId: w.integrationId,
      trigger: "manual",
      full: options.full,
    }),
  );
  if (!queued) throw new Error("not queued");
  harness.wake();
  return waitFor(
    "the sync to end",
    async () => {
      const run = await withTenant(harness.db, w.admin.tenantId, (trx) =>
        findRun(trx, w.admin.tenantId, queued.runId),
      );
      return ["succeeded", "partial", "failed"].includes(run.status) && run;
    },
    30_000,
  );
}

const employeesOf = (w: World) =>
  withTenant(harness.db, w.admin.tenantId, (trx) =>
    trx
      .selectFrom("employees as e")
      .leftJoin("departments as d", "d.id", "e.department_id")
      .leftJoin("employees as m", "m.id", "e.manager_id")
      .select([
        "e.id",
        "e.external_id",
        "e.title",
        "e.status",
        "e.updated_at",
        "e.overridden_fields",
        "d.name as department",
        "m.external_id as manager",
      ])
      .orderBy("e.external_id")
      .execute(),
  );

const eventsOf = (w: World, names: string[]) =>
  withTenant(harness.db, w.admin.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "entity_id", "data", "actor_type", "actor_label"])
      .where("name", "in", names)
      .orderBy("seq")
      .execute(),
  );

const errorsOf = (w: World, runId: string) =>
  withTenant(harness.db, w.admin.tenantId, (trx) =>
    trx
      .selectFrom("integration_run_errors")
      .select(["external_id", "reason"])
      .where("run_id", "=", runId)
      .execute(),
  );

describe("a sync", () => {
  it("adds people with employee.created (hire date included), acting as the integration", async () => {
    const w = await world([
      [ok(person("1", { hireDate: "2026-11-20" })), ok(person("2"))],
      [ok(person("3"))],
    ]);
    const run = await sync(w);
    expect(run).toMatchObject({
      status: "succeeded",
      pages: 2,
      added: 3,
      updated: 0,
      unchanged: 0,
      total: 3,
    });
    expect((await employeesOf(w)).map((e) => e.external_id)).toEqual(["1", "2", "3"]);
    const created = await eventsOf(w, ["employee.created"]);
    expect(created).toHaveLength(3);
    expect(created[0]).toMatchObject({
      actor_type: "integration",
      actor_label: "Integration: People HR (BambooHR)",
      data: { name: "First1 Last1", hireDate: "2026-11-20" },
    });
    expect((await eventsOf(w, ["integration.sync_completed"]))[0]?.data).toMatchObject({
      status: "succeeded",
      counts: { added: 3, pages: 2 },
    });
  });

  it("writes nothing when nothing changed, and one row with one event when a title did", async () => {
    const pages = [[ok(person("1")), ok(person("2"))]];
    const w = await world(pages);
    await sync(w);
    const before = await employeesOf(w);
    const eventCount = (await eventsOf(w, ["employee.created", "employee.updated"])).length;

    const again = await sync(w);
    expect(again).toMatchObject({
      status: "succeeded",
      added: 0,
      updated: 0,
      unchanged: 2,
      mode: "incremental",
    });
    expect(await employeesOf(w)).toEqual(before);
    expect(await eventsOf(w, ["employee.created", "employee.updated"])).toHaveLength(eventCount);
    expect(w.provider.pulls.at(-1)?.since).toEqual(expect.any(Date));

    const [first, second] = pages[0] as [PulledRecord & { ok: true }, PulledRecord & { ok: true }];
    w.provider.setPages([[ok({ ...first.person, title: "Staff Analyst" }), second]]);
    const changed = await sync(w);
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    const after = await employeesOf(w);
    expect(after.find((e) => e.external_id === "1")?.title).toBe("Staff Analyst");
    expect(after.find((e) => e.external_id === "2")?.updated_at).toEqual(before[1]?.updated_at);
    const updates = await eventsOf(w, ["employee.updated"]);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.data).toEqual({ changes: { title: { before: "Analyst", after: "Staff Analyst" } } });
  });

  it("matches departments as manual entry does: IT Dept is IT Department, never a second one", async () => {
    const w = await world([
      [ok(person("1", { department: "IT Dept" })), ok(person("2", { department: "it  department" }))],
      [ok(person("3", { department: "Finance", organization: "Acme Corp" }))],
    ]);
    const existing = await asUser(harness.db, w.admin, (scope) =>
      createDepartment(scope, { name: "IT Department", organizationId: null }),
    );
    await sync(w);
    const people = await employeesOf(w);
    expect(people.map((e) => e.department)).toEqual(["IT Department", "IT Department", "Finance"]);
    const departments = await withTenant(harness.db, w.admin.tenantId, (trx) =>
      trx.selectFrom("departments").select(["id", "name"]).orderBy("name").execute(),
    );
    expect(departments.filter((d) => d.name.startsWith("IT"))).toEqual([existing]);
  });

  it("links a manager who arrives on a later page than their report", async () => {
    const w = await world([[ok(person("10", { managerExternalId: "20" }))], [ok(person("20"))]]);
    // a page per step, so the manager arrives in a later transaction than the report
    w.provider.runtime.recordsPerStep = 1;
    const run = await sync(w);
    expect(run.status).toBe("succeeded");
    const people = await employeesOf(w);
    expect(people.find((e) => e.external_id === "10")?.manager).toBe("20");
    const managerLinks = (await eventsOf(w, ["employee.updated"])).filter(
      (e) => "managerId" in (e.data as { changes: object }).changes,
    );
    expect(managerLinks).toHaveLength(1);
  });

  it("gathers small pages into one step, and links a manager on a later page of it at once", async () => {
    const w = await world([
      [ok(person("10", { managerExternalId: "20" }))],
      [ok(person("11"))],
      [ok(person("20"))],
    ]);
    const run = await sync(w);
    expect(run).toMatchObject({ status: "succeeded", pages: 3, added: 3 });
    const steps = (await harness.runsFor("sync-integration")).at(-1);
    const names = (await harness.stepsOf(steps?.id ?? "")).map((step) => step.name);
    expect(names.filter((name) => name.startsWith("page-"))).toHaveLength(1);
    expect((await employeesOf(w)).find((e) => e.external_id === "10")?.manager).toBe("20");
    // linked as it was written: no later update just for the manager
    expect(await eventsOf(w, ["employee.updated"])).toEqual([]);
  });

  it("skips and reports a malformed record without failing the run", async () => {
    const w = await world([
      [
        ok(person("1")),
        { ok: false, externalId: "2", reason: "No last name." },
        ok(person("3", { workEmail: "not an email" })),
      ],
    ]);
    const run = await sync(w);
    expect(run).toMatchObject({ status: "partial", added: 1, skipped: 2 });
    expect(await errorsOf(w, run.id)).toEqual([
      { external_id: "2", reason: "No last name." },
      { external_id: "3", reason: "Work email: Enter a valid email address" },
    ]);
  });

  it("skips a record holding characters the database refuses, and still writes the rest", async () => {
    const w = await world([
      [
        ok(person("1", { department: "Sales\u0000" })),
        ok(person("2\u0000")),
        ok(person("3", { managerExternalId: "\ud800" })),
        { ok: false, externalId: "4\u0000", reason: "No last name." },
        ok(person("5")),
      ],
    ]);
    const run = await sync(w);
    expect(run).toMatchObject({ status: "partial", added: 1, skipped: 4 });
    expect(await errorsOf(w, run.id)).toEqual([
      { external_id: "1", reason: "Department: must not contain control characters" },
      { external_id: null, reason: expect.stringContaining("Id: must not contain control characters") },
      { external_id: "3", reason: expect.stringMatching(/^Manager id: must not contain broken characters/) },
      { external_id: null, reason: "No last name." },
    ]);
  });

  it("terminates someone terminated in the provider through the terminate path (employee.terminated)", async () => {
    const w = await world([[ok(person("1")), ok(person("2"))]]);
    await sync(w);
    w.provider.setPages([
      [ok(person("1")), ok(person("2", { status: "terminated", terminationDate: "2026-01-31" }))],
    ]);
    const run = await sync(w, { full: true });
    expect(run).toMatchObject({ mode: "full", updated: 1, unchanged: 1 });
    const people = await employeesOf(w);
    expect(people.find((e) => e.external_id === "2")?.status).toBe("terminated");
    expect((await eventsOf(w, ["employee.terminated"])).map((e) => e.data)).toEqual([
      { terminatedAt: "2026-01-31", reason: "Terminated in BambooHR" },
    ]);
  });
});

describe("field ownership", () => {
  for (const [policy, expected] of [
    ["keep_local_edits", "Local title"],
    ["provider_wins", "Analyst"],
  ] as const) {
    it(`${policy}: a local edit of a provider-owned title ${policy === "provider_wins" ? "is overwritten" : "is kept"}`, async () => {
      const w = await world([[ok(person("1"))]], policy);
      await sync(w);
      const [synced] = await employeesOf(w);
      await asUser(harness.db, w.admin, (scope) =>
        updateEmployee(scope, { employeeId: synced?.id as string, title: "Local title" }),
      );
      expect((await employeesOf(w))[0]?.overridden_fields).toEqual(["title"]);
      // the employee page says where each field comes from, and what the next sync does to the edit
      const page = () => callerFor(w.admin).employees.get({ employeeId: synced?.id as string });
      expect((await page()).sync).toMatchObject({
        integrationId: w.integrationId,
        integrationName: "People HR",
        fieldPolicy: policy,
        ownedFields: expect.arrayContaining(["title", "workEmail", "managerId"]),
        overriddenFields: ["title"],
      });
      await sync(w, { full: true });
      expect((await employeesOf(w))[0]?.title).toBe(expected);
      expect((await page()).sync?.overriddenFields).toEqual(policy === "provider_wins" ? [] : ["title"]);
    });
  }
});

/** A second integration of w's tenant, syncing from its own scripted provider. */
async function secondIntegration(w: World, name: string, pages: PulledRecord[][]): Promise<World> {
  const provider = scriptedProvider(pages);
  const { id } = await asUser(harness.db, w.admin, (scope) =>
    createIntegration(scope, provider.runtime, bambooInput(name)),
  );
  return { admin: w.admin, integrationId: id, provider };
}

/** Syncs `w` with its own provider (the engine's function pulls from `current`). */
function syncWith(w: World, options: { full?: boolean } = {}) {
  current = w.provider;
  return sync(w, options);
}

const ownersOf = (w: World) =>
  withTenant(harness.db, w.admin.tenantId, (trx) =>
    trx
      .selectFrom("employees")
      .select([
        "id",
        "work_email",
        "title",
        "manager_id",
        "source",
        "source_integration_id",
        "external_id",
        "updated_at",
      ])
      .orderBy("work_email")
      .execute(),
  );

describe("two integrations listing the same people", () => {
  const advice =
    "To sync this person from here instead, remove that integration (the people it brought stay, as manual records), then press Full resync here.";

  for (const policy of ["provider_wins", "keep_local_edits"] as const) {
    it(`${policy}: adopts a manual employee with the person's work email, then owns its fields`, async () => {
      const w = await world([[ok(person("1"))]], policy);
      const manual = await asUser(harness.db, w.admin, (scope) =>
        createEmployee(scope, {
          firstName: "First1",
          lastName: "Last1",
          workEmail: "person1@example.test",
          title: "Typed by hand",
          hireDate: "2020-01-06",
        }),
      );
      const run = await syncWith(w);
      expect(run).toMatchObject({ status: "succeeded", added: 0, updated: 1, skipped: 0, failed: 0 });
      // linked, not duplicated: the same record, now the provider's
      expect(await ownersOf(w)).toEqual([
        expect.objectContaining({
          id: manual.id,
          title: "Analyst",
          source: "integration",
          source_integration_id: w.integrationId,
          external_id: "1",
        }),
      ]);
      expect(await eventsOf(w, ["employee.created"])).toHaveLength(1); // the manual creation only
      expect((await eventsOf(w, ["employee.updated"])).map((e) => e.data)).toEqual([
        { changes: { title: { before: "Typed by hand", after: "Analyst" } } },
      ]);

      // from now on a local edit is an override, kept or overwritten as the integration says
      await asUser(harness.db, w.admin, (scope) =>
        updateEmployee(scope, { employeeId: manual.id, title: "Local title" }),
      );
      const again = await syncWith(w, { full: true });
      expect(again).toMatchObject({ status: "succeeded", added: 0, skipped: 0, failed: 0 });
      expect((await ownersOf(w))[0]?.title).toBe(policy === "provider_wins" ? "Analyst" : "Local title");
    });
  }

  it("skips people another integration owns, naming it, writes nothing for them, and still succeeds", async () => {
    const bamboo = await world([[ok(person("1")), ok(person("2"))]]);
    await syncWith(bamboo);
    const before = await ownersOf(bamboo);
    const eventsBefore = await eventsOf(bamboo, ["employee.created", "employee.updated"]);
    const okta = await secondIntegration(bamboo, "Okta Directory", [
      [
        ok(person("okta-1", { workEmail: "person1@example.test", title: "Okta title" })),
        ok(person("okta-2", { workEmail: "person2@example.test" })),
        ok(person("okta-3", { managerExternalId: "okta-1" })),
      ],
    ]);

    const run = await syncWith(okta);
    expect(run).toMatchObject({ status: "succeeded", added: 1, updated: 0, skipped: 2, failed: 0 });
    expect(await errorsOf(okta, run.id)).toEqual([
      { external_id: "okta-1", reason: `Owned by the integration 'People HR'. ${advice}` },
      { external_id: "okta-2", reason: `Owned by the integration 'People HR'. ${advice}` },
    ]);
    // BambooHR's people untouched: same owner, same provider id, same row version
    const after = await ownersOf(okta);
    expect(after.filter((e) => e.source_integration_id === bamboo.integrationId)).toEqual(before);
    const added = after.find((e) => e.external_id === "okta-3");
    // a manager owned elsewhere is not this integration's to link
    expect(added).toMatchObject({
      source_integration_id: okta.integrationId,
      title: "Analyst",
      manager_id: null,
    });
    // the one added is the only event
    const events = await eventsOf(okta, ["employee.created", "employee.updated"]);
    expect(events.slice(eventsBefore.length).map((e) => [e.name, e.entity_id])).toEqual([
      ["employee.created", added?.id],
    ]);
    expect((await eventsOf(okta, ["integration.sync_completed"])).at(-1)?.data).toMatchObject({
      status: "succeeded",
      counts: { added: 1, skipped: 2, failed: 0 },
    });

    // the run page shows each skipped person with the reason
    const page = await callerFor(okta.admin).integrations.run({ runId: run.id });
    expect(page).toMatchObject({ status: "succeeded", skipped: 2, failed: 0, errorCount: 2 });
    expect(page.errors).toEqual([
      { externalId: "okta-1", reason: `Owned by the integration 'People HR'. ${advice}` },
      { externalId: "okta-2", reason: `Owned by the integration 'People HR'. ${advice}` },
    ]);

    // stable: skipped again, nothing written, no event
    const snapshot = await ownersOf(okta);
    const eventCount = (await eventsOf(okta, ["employee.created", "employee.updated"])).length;
    const again = await syncWith(okta, { full: true });
    expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, unchanged: 1, skipped: 2 });
    expect(await ownersOf(okta)).toEqual(snapshot);
    expect(await eventsOf(okta, ["employee.created", "employee.updated"])).toHaveLength(eventCount);
    // and the first integration's own re-sync is unaffected by the second
    expect(await syncWith(bamboo, { full: true })).toMatchObject({ status: "succeeded", unchanged: 2 });
  });

  it("takes a person over once their owner is removed, as the skip's reason says", async () => {
    const bamboo = await world([[ok(person("1"))]]);
    await syncWith(bamboo);
    const okta = await secondIntegration(bamboo, "Okta Directory", [
      [ok(person("okta-1", { workEmail: "person1@example.test" }))],
    ]);
    expect(await syncWith(okta)).toMatchObject({ status: "succeeded", skipped: 1, updated: 0 });
    const [employee] = await ownersOf(okta);

    await asUser(harness.db, bamboo.admin, (scope) => removeIntegration(scope, { id: bamboo.integrationId }));
    const run = await syncWith(okta, { full: true });
    expect(run).toMatchObject({ status: "succeeded", added: 0, updated: 1, skipped: 0, failed: 0 });
    expect(await ownersOf(okta)).toEqual([
      expect.objectContaining({
        id: employee?.id,
        source: "integration",
        source_integration_id: okta.integrationId,
        external_id: "okta-1",
      }),
    ]);
  });

  it("still finishes with errors when a record is skipped for a fault, beside people owned elsewhere", async () => {
    const bamboo = await world([[ok(person("1"))]]);
    await syncWith(bamboo);
    const okta = await secondIntegration(bamboo, "Okta Directory", [
      [
        ok(person("okta-1", { workEmail: "person1@example.test" })),
        ok(person("okta-2", { workEmail: "not an email" })),
      ],
    ]);
    const run = await syncWith(okta);
    expect(run).toMatchObject({ status: "partial", added: 0, skipped: 2, failed: 0 });
  });
});

describe("faults", () => {
  it("fails at once on rejected credentials, with the admin's sentence, and tells the admins and the operators at once", async () => {
    const w = await world([[ok(person("1"))]]);
    const operator = await createSuperAdmin(harness.db);
    // all day quiet hours: an urgent type is mailed all the same, not held until they end
    await setQuietHours(harness.db, w.admin);
    w.provider.setFault(() => {
      throw new IntegrationError("auth", 'BambooHR rejected the API key for "acme".', { status: 401 });
    });
    const run = await sync(w);
    expect(run).toMatchObject({
      status: "failed",
      error_kind: "auth",
      error: 'The credentials were rejected. BambooHR rejected the API key for "acme".',
    });
    expect(w.provider.pulls).toHaveLength(1);
    const bell = await waitFor("the admin's notification", async () => {
      const rows = await withTenant(harness.db, w.admin.tenantId, (trx) =>
        trx
          .selectFrom("notifications")
          .select(["type", "title", "body", "link"])
          .where("user_id", "=", w.admin.id)
          .execute(),
      );
      return rows.length > 0 && rows;
    });
    expect(bell).toEqual([
      {
        type: "integration_sync_failed",
        title: "The People HR sync failed",
        body: 'The credentials were rejected. BambooHR rejected the API key for "acme".',
        link: `/settings/integrations/${w.integrationId}`,
      },
    ]);
    const email = await waitFor("the admin's email", async () => {
      const row = await withTenant(harness.db, w.admin.tenantId, (trx) =>
        trx
          .selectFrom("notification_deliveries")
          .select(["status", "next_attempt_at"])
          .where("user_id", "=", w.admin.id)
          .where("type", "=", "integration_sync_failed")
          .where("channel", "=", "email")
          .executeTakeFirst(),
      );
      return row?.status !== "queued" && row;
    });
    expect(email).toEqual({ status: "sent", next_attempt_at: null });
    expect(await eventsOf(w, ["integration.sync_failed"])).toHaveLength(1);
    // The installation's operator belongs to no organization: their email is in the local outbox
    // (no mail provider here), once.
    const mailed = await waitFor("the operator's email", async () => {
      const rows = await withPlatform(harness.db, (trx) =>
        trx
          .selectFrom("account_mail_outbox")
          .select(["type", "subject", "text"])
          .where("to_address", "=", operator.email)
          .execute(),
      );
      return rows.length > 0 && rows;
    });
    const tenantName = await withPlatform(
      harness.db,
      async (trx) =>
        (
          await trx
            .selectFrom("tenants")
            .select("name")
            .where("id", "=", w.admin.tenantId)
            .executeTakeFirstOrThrow()
        ).name,
    );
    expect(mailed).toEqual([
      {
        type: "operator_sync_failed",
        subject: `${tenantName}: the People HR sync failed`,
        text: expect.stringContaining('BambooHR rejected the API key for "acme"'),
      },
    ]);
  });

  it("waits out throttling and carries on", async () => {
    const w = await world([[ok(person("1"))], [ok(person("2"))]]);
    w.provider.setFault((_pull, call) => {
      if (call === 2)
        throw new IntegrationError("throttled", "BambooHR is throttling requests.", { retryAfterMs: 50 });
    });
    const run = await sync(w);
    expect(run).toMatchObject({ status: "succeeded", added: 2, error: null });
    expect(w.provider.pulls.map((pull) => pull.cursor)).toEqual([null, "1", "1"]);
  });

  it("retries a failing page from that page, never pulling committed pages again", async () => {
    const w = await world([[ok(person("1"))], [ok(person("2"))], [ok(person("3"))]]);
    w.provider.setFault((pull, call) => {
      if (pull.cursor === "2" && call === 3)
        throw new IntegrationError("unavailable", "BambooHR answered 503.");
    });
    const run = await sync(w);
    expect(run).toMatchObject({ status: "succeeded", pages: 3, added: 3 });
    expect(w.provider.pulls.map((pull) => pull.cursor)).toEqual([null, "1", "2", "2"]);
  });

  it("a run that finally fails keeps its pages, and Sync now resumes it from the failed page", async () => {
    const w = await world([[ok(person("1"))], [ok(person("2"))], [ok(person("3"))]]);
    w.provider.setFault((pull) => {
      if (pull.cursor === "2") throw new IntegrationError("unavailable", "BambooHR answered 503.");
    });
    const failed = await sync(w);
    expect(failed).toMatchObject({
      status: "failed",
      pages: 2,
      added: 2,
      cursor: "2",
      error_kind: "unavailable",
    });
    expect(failed.error).toBe("The provider did not answer properly; it may be down. BambooHR answered 503.");
    expect((await employeesOf(w)).map((e) => e.external_id)).toEqual(["1", "2"]);

    w.provider.setFault(() => undefined);
    const pullsBefore = w.provider.pulls.length;
    const resumed = await sync(w);
    expect(resumed).toMatchObject({ status: "succeeded", trigger: "retry", pages: 1, added: 1 });
    expect(w.provider.pulls.slice(pullsBefore).map((pull) => pull.cursor)).toEqual(["2"]);
    expect((await employeesOf(w)).map((e) => e.external_id)).toEqual(["1", "2", "3"]);
  });
});

describe("over HTTP with the BambooHR adapter and its fake", () => {
  it("syncs the demo people: one IT Department, the late manager linked, the leaver terminated, nothing twice", async () => {
    const fake = await startFakeBamboo({ people: demoPeople(demoIds.bamboohr) });
    try {
      const { admin } = await createTestTenant(harness.db);
      const it = await asUser(harness.db, admin as TestUser, (scope) =>
        createDepartment(scope, { name: "IT Department", organizationId: null }),
      );
      const runtime = {
        adapterFor,
        fetch: guardedFetch({ allowPrivateHosts: true }),
        allowPrivateHosts: true,
      };
      current = { ...scriptedProvider([]), runtime };
      const { id } = await asUser(harness.db, admin as TestUser, (scope) =>
        createIntegration(scope, runtime, {
          provider: "bamboohr",
          name: "BambooHR",
          credentials: { apiKey: fake.apiKey },
          options: { companyDomain: fake.companyDomain, baseUrl: fake.url },
        }),
      );
      const w: World = { admin: admin as TestUser, integrationId: id, provider: current };
      const run = await sync(w);
      expect(run).toMatchObject({ status: "succeeded", added: 25, skipped: 0, failed: 0 });
      const people = await employeesOf(w);
      expect(people).toHaveLength(25);
      const departments = await withTenant(harness.db, admin.tenantId, (trx) =>
        trx.selectFrom("departments").select(["id", "name"]).execute(),
      );
      expect(departments.filter((d) => /^i(t|nformation)/i.test(d.name))).toEqual([it]);
      expect(people.filter((e) => e.department === "IT Department").length).toBeGreaterThan(0);
      expect(people.filter((e) => e.manager !== null).length).toBeGreaterThanOrEqual(5);
      expect(people.filter((e) => e.status === "terminated")).toHaveLength(1);

      const again = await sync(w, { full: true });
      expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, unchanged: 25 });
      expect(await employeesOf(w)).toEqual(people);
    } finally {
      await fake.close();
    }
  });
});

describe("two Sync now presses at once", () => {
  it("queue one run; the other is refused", async () => {
    const w = await world([[ok(person("1"))]]);
    await harness.stopEngine();
    try {
      const press = () =>
        asUser(harness.db, w.admin, (scope) =>
          requestSync(scope, w.provider.runtime, { integrationId: w.integrationId, trigger: "manual" }),
        );
      const results = await Promise.allSettled([press(), press()]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.message).toMatch(/^A sync of People HR is already running/);
      const runs = await withTenant(harness.db, w.admin.tenantId, (trx) =>
        trx
          .selectFrom("integration_runs")
          .select("status")
          .where("integration_id", "=", w.integrationId)
          .execute(),
      );
      expect(runs).toEqual([{ status: "queued" }]);
    } finally {
      await harness.restartEngine();
    }
  });
});
