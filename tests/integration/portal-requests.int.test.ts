import { TRPCError } from "@trpc/server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifyReceiptReminderFunction } from "@/inngest/functions/portal/notify-receipt-reminder";
import {
  notifyRequestApprovedFunction,
  notifyRequestDeclinedFunction,
} from "@/inngest/functions/portal/notify-request-decided";
import { createSendReceiptRemindersFn } from "@/inngest/functions/portal/send-receipt-reminders";
import { startRequestProcurementFunction } from "@/inngest/functions/portal/start-request-procurement";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { assignAsset } from "@/server/assets/services/assign-asset";
import type { SessionUser } from "@/server/context";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { exportEmployeesCsv } from "@/server/employees/export-csv";
import { fileStorage } from "@/server/files/storage";
import type { MailTransport } from "@/server/notifications/mailer";
import { deploymentTransports } from "@/server/notifications/services/send-delivery";
import { declineReceipt } from "@/server/portal/services/decline-receipt";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { pdfBytes, uploadAs } from "../factories/files";
import { linkedEmployeeOf } from "../factories/portal";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { provisionTestTemplates, seedOffboarding } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/**
 * The portal's equipment requests and the receipts' reminders, end to end through the embedded
 * engine: an employee asks, IT staff decide, an approval starts a procurement workflow and the
 * employee hears the decision; unanswered receipts are listed for IT staff and reminded on a
 * schedule (after a few days, then weekly, capped) and by hand.
 */
/** Emails go to the mail preview (the embedded default), where the test reads them. */
const transports = {
  ...deploymentTransports,
  mail: (): MailTransport => ({ kind: "preview", from: "Assetronics <it@example.test>" }),
};
const previewsTo = (tenantId: string, address: string) =>
  withTenant(db, tenantId, (trx) =>
    trx.selectFrom("mail_previews").select(["subject", "type"]).where("to_address", "=", address).execute(),
  );

let harness: EngineHarness;
let db: Db;
beforeAll(async () => {
  harness = await startEngineHarness((client, harnessDb) => [
    createTenantFunction(client, startRequestProcurementFunction),
    createTenantFunction(client, notifyRequestApprovedFunction(transports)),
    createTenantFunction(client, notifyRequestDeclinedFunction(transports)),
    createTenantFunction(client, notifyReceiptReminderFunction(transports)),
    createSendReceiptRemindersFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
  ]);
  db = harness.db;
  useDatabase({ db, driver: "postgres", listen: harness.listen, close: async () => {} });
  // a fresh migrated database and an engine: slow on PGlite when the machine is busy
}, 180_000);
afterAll(() => harness.close());

const caller = (user: SessionUser) => createCaller({ user, requestId: "portal-requests", ip: "127.0.0.1" });

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
}

async function world() {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const auditor = await createTestUser(db, tenant, "auditor");
  const erin = await createTestUser(db, tenant, "employee", { name: "Erin Employee" });
  const omar = await createTestUser(db, tenant, "employee", { name: "Omar Other" });
  const fixtures = await createAssetFixtures(db, tenant.id);
  await provisionTestTemplates(db, tenant.id);
  const erinId = await linkedEmployeeOf(db, erin);
  const omarId = await linkedEmployeeOf(db, omar);
  return { tenant, admin: admin as TestUser, staff, auditor, erin, omar, erinId, omarId, fixtures };
}

const bellOf = (user: TestUser) =>
  withTenant(db, user.tenantId, (trx) =>
    trx
      .selectFrom("notifications")
      .select(["type", "title", "body", "link"])
      .where("user_id", "=", user.id)
      .orderBy("created_at")
      .execute(),
  );

const eventsNamed = (tenantId: string, name: string) =>
  withTenant(db, tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["entity_id", "actor_type", "data"])
      .where("name", "=", name)
      .orderBy("seq")
      .execute(),
  );

describe("equipment requests", () => {
  it("an employee asks, IT staff approve: a procurement workflow starts and the employee hears it", async () => {
    const w = await world();
    const asked = await caller(w.erin).portal.requests.submit({
      categoryId: w.fixtures.categoryId,
      item: "27-inch monitor",
      reason: "Working on spreadsheets all day",
      neededBy: "2099-01-31",
    });
    expect(asked.status).toBe("pending");

    const mine = await caller(w.erin).portal.requests.mine();
    expect(mine.items).toMatchObject([
      { item: "27-inch monitor", status: "pending", neededBy: "2099-01-31" },
    ]);
    // another employee sees none of it
    expect((await caller(w.omar).portal.requests.mine()).items).toEqual([]);

    const queue = await caller(w.staff).portal.requests.list({});
    expect(queue.pending).toBe(1);
    expect(queue.items[0]).toMatchObject({
      employeeName: expect.stringContaining("Erin"),
      item: "27-inch monitor",
    });
    // auditors read the queue but cannot decide; employees cannot read it
    expect((await caller(w.auditor).portal.requests.list({})).total).toBe(1);
    expect((await refusal(caller(w.auditor).portal.requests.approve({ requestId: asked.id })))?.code).toBe(
      "FORBIDDEN",
    );
    expect((await refusal(caller(w.erin).portal.requests.list({})))?.code).toBe("FORBIDDEN");

    await caller(w.staff).portal.requests.approve({ requestId: asked.id, comment: "Ordering the Dell" });
    harness.wake();

    const linked = await waitFor("the procurement workflow", async () => {
      const [request] = (await caller(w.erin).portal.requests.mine()).items;
      return request?.workflowId ? request : undefined;
    });
    expect(linked).toMatchObject({ status: "approved", decisionReason: "Ordering the Dell" });
    const workflow = await withTenant(db, w.tenant.id, (trx) =>
      trx
        .selectFrom("workflows")
        .select(["kind", "employee_id"])
        .where("id", "=", linked.workflowId ?? "")
        .executeTakeFirstOrThrow(),
    );
    expect(workflow).toEqual({ kind: "procurement", employee_id: w.erinId });

    const bell = await waitFor("Erin's notification", async () => {
      const items = await bellOf(w.erin);
      return items.length > 0 ? items : undefined;
    });
    expect(bell).toEqual([
      expect.objectContaining({
        type: "equipment_request_decided",
        title: "Your request for 27-inch monitor was approved",
        link: "/portal/requests",
      }),
    ]);
    expect(bell[0]?.body).toContain("Ordering the Dell");
    const [email] = await waitFor("the approval email", async () => {
      const previews = await previewsTo(w.tenant.id, w.erin.email);
      return previews.length > 0 ? previews : undefined;
    });
    expect(email).toEqual({
      type: "equipment_request_decided",
      subject: "Your request for 27-inch monitor was approved",
    });

    // decided once: a second decision is a conflict, whoever makes it
    const again = await refusal(
      caller(w.admin).portal.requests.decline({ requestId: asked.id, reason: "No" }),
    );
    expect(again?.code).toBe("CONFLICT");
    expect(await eventsNamed(w.tenant.id, "equipment_request.approved")).toHaveLength(1);
  });

  it("a declined request tells the employee why; a withdrawn one cannot be decided", async () => {
    const w = await world();
    const first = await caller(w.erin).portal.requests.submit({
      categoryId: w.fixtures.categoryId,
      item: "Second laptop",
      reason: "For gaming",
    });
    const declined = await refusal(
      caller(w.staff).portal.requests.decline({ requestId: first.id, reason: " " }),
    );
    expect(declined?.code).toBe("BAD_REQUEST");
    await caller(w.staff).portal.requests.decline({
      requestId: first.id,
      reason: "Personal use is not covered",
    });
    harness.wake();
    const bell = await waitFor("Erin's notification", async () => {
      const items = await bellOf(w.erin);
      return items.length > 0 ? items : undefined;
    });
    expect(bell[0]).toMatchObject({ title: "Your request for Second laptop was declined" });
    expect(bell[0]?.body).toContain("Personal use is not covered");
    const [request] = (await caller(w.erin).portal.requests.mine()).items;
    expect(request).toMatchObject({ status: "declined", decisionReason: "Personal use is not covered" });
    expect(request?.workflowId).toBeNull();

    const second = await caller(w.erin).portal.requests.submit({
      categoryId: w.fixtures.categoryId,
      item: "Headset",
      reason: "Calls",
    });
    // Omar cannot withdraw Erin's request; Erin can
    expect((await refusal(caller(w.omar).portal.requests.withdraw({ requestId: second.id })))?.code).toBe(
      "NOT_FOUND",
    );
    await caller(w.erin).portal.requests.withdraw({ requestId: second.id });
    const decide = await refusal(caller(w.staff).portal.requests.approve({ requestId: second.id }));
    expect(decide).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("withdrawn") });
    expect(await eventsNamed(w.tenant.id, "equipment_request.withdrawn")).toHaveLength(1);
  });

  it("refuses a request with field messages, and writes nothing", async () => {
    const w = await world();
    const other = await createTestTenant(db);
    const otherFixtures = await createAssetFixtures(db, other.tenant.id);
    const past = await refusal(
      caller(w.erin).portal.requests.submit({
        categoryId: w.fixtures.categoryId,
        item: "Dock",
        reason: "Desk",
        neededBy: "2020-01-01",
      }),
    );
    expect(past?.message).toMatch(/needed-by date has passed/);
    const foreign = await refusal(
      caller(w.erin).portal.requests.submit({
        categoryId: otherFixtures.categoryId,
        item: "Dock",
        reason: "Desk",
      }),
    );
    expect(foreign?.message).toBe("Choose one of the kinds of equipment listed.");
    const empty = await refusal(
      caller(w.erin).portal.requests.submit({ categoryId: "", item: "", reason: "" }),
    );
    expect(empty?.code).toBe("BAD_REQUEST");
    expect((await caller(w.erin).portal.requests.mine()).items).toEqual([]);
    expect(await eventsNamed(w.tenant.id, "equipment_request.submitted")).toEqual([]);
  });

  it("an account linked to no employee is told so, and cannot ask", async () => {
    const w = await world();
    const stray = await createTestUser(db, w.tenant, "employee");
    expect(await caller(stray).portal.requests.mine()).toEqual({ linked: false, items: [] });
    const asked = await refusal(
      caller(stray).portal.requests.submit({
        categoryId: w.fixtures.categoryId,
        item: "Mouse",
        reason: "Mine broke",
      }),
    );
    expect(asked).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("not linked") });
  });
});

describe("pending receipts and reminders", () => {
  async function assigned(w: Awaited<ReturnType<typeof world>>, employeeId: string, name: string) {
    const asset = await createTestAsset(db, w.staff, w.fixtures.categoryId, { name });
    await asUser(db, w.staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
    return asset;
  }
  const backdate = (assetId: string, days: number) =>
    withPlatform(db, (trx) =>
      trx
        .updateTable("asset_transactions")
        .set({ occurred_at: sql<Date>`now() - make_interval(days => ${days})` })
        .where("asset_id", "=", assetId)
        .execute(),
    );
  const reminderRow = (assetId: string) =>
    withPlatform(db, (trx) =>
      trx
        .selectFrom("receipt_reminders")
        .select(["sent_count", "last_sent_at"])
        .where("asset_id", "=", assetId)
        .executeTakeFirst(),
    );
  const completedCronRuns = () =>
    withPlatform(db, async (trx) => {
      const row = await trx
        .selectFrom("automation_runs")
        .select((eb) => eb.fn.countAll<string>().as("count"))
        .where("function_id", "like", "%send-receipt-reminders")
        .where("status", "=", "completed")
        .executeTakeFirstOrThrow();
      return Number(row.count);
    });
  /** Lets the every-second cron complete two more runs, so a reminder it should not send would have been. */
  const twoMoreCronRuns = async () => {
    const before = await completedCronRuns();
    await waitFor("two more reminder runs", async () => (await completedCronRuns()) >= before + 2);
  };
  const remindersInBell = async (user: TestUser) =>
    (await bellOf(user)).filter((item) => item.type === "receipt_reminder");

  it("lists unanswered receipts for IT staff, and drops an answered one", async () => {
    const w = await world();
    const laptop = await assigned(w, w.erinId, "ThinkPad X1");
    const phone = await assigned(w, w.omarId, "Pixel 9");
    await backdate(laptop.id, 10);
    const page = await caller(w.auditor).portal.receipts.pending({});
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.tag)).toEqual([laptop.tag, phone.tag]);
    expect(page.items[0]).toMatchObject({ employeeId: w.erinId, hasAccount: true, ageDays: 10 });

    await asUser(db, w.omar, (scope) => declineReceipt(scope, { assetId: phone.id, reason: "Not mine" }));
    const after = await caller(w.staff).portal.receipts.pending({});
    expect(after.items.map((item) => item.tag)).toEqual([laptop.tag]);
    const remind = await refusal(caller(w.staff).portal.receipts.remind({ assetId: phone.id }));
    expect(remind).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no receipt waiting"),
    });
    expect((await refusal(caller(w.auditor).portal.receipts.remind({ assetId: laptop.id })))?.code).toBe(
      "FORBIDDEN",
    );
  });

  it("reminds after a few days, then weekly, up to the cap; by hand at most hourly", async () => {
    const w = await world();
    const laptop = await assigned(w, w.erinId, "MacBook Air");
    const fresh = await assigned(w, w.omarId, "iPad");
    await backdate(laptop.id, 4);
    harness.wake();

    const first = await waitFor("the first scheduled reminder", async () => {
      const items = await remindersInBell(w.erin);
      return items.length > 0 ? items : undefined;
    });
    expect(first).toEqual([
      expect.objectContaining({ title: `Please confirm you received ${laptop.tag}`, link: "/portal" }),
    ]);
    expect((await eventsNamed(w.tenant.id, "asset.receipt_reminded"))[0]).toMatchObject({
      entity_id: laptop.id,
      actor_type: "system",
      data: expect.objectContaining({ via: "schedule", reminder: 1, employeeId: w.erinId }),
    });

    // within the week: nothing more, and the fresh assignment is not due yet
    await twoMoreCronRuns();
    expect((await reminderRow(laptop.id))?.sent_count).toBe(1);
    expect(await reminderRow(fresh.id)).toBeUndefined();
    expect(await remindersInBell(w.omar)).toEqual([]);

    // a week later, with three sent: the fourth (the cap) goes out, then no more
    await withPlatform(db, (trx) =>
      trx
        .updateTable("receipt_reminders")
        .set({ sent_count: 3, last_sent_at: sql<Date>`now() - interval '8 days'` })
        .where("asset_id", "=", laptop.id)
        .execute(),
    );
    harness.wake();
    await waitFor("the capped reminder", async () => (await reminderRow(laptop.id))?.sent_count === 4);
    await withPlatform(db, (trx) =>
      trx
        .updateTable("receipt_reminders")
        .set({ last_sent_at: sql<Date>`now() - interval '8 days'` })
        .where("asset_id", "=", laptop.id)
        .execute(),
    );
    await twoMoreCronRuns();
    expect((await reminderRow(laptop.id))?.sent_count).toBe(4);

    // IT staff can still remind by hand, once an hour
    const reminded = await caller(w.staff).portal.receipts.remind({ assetId: laptop.id });
    expect(reminded).toEqual({ assetId: laptop.id, tag: laptop.tag, reminder: 5 });
    const twice = await refusal(caller(w.staff).portal.receipts.remind({ assetId: laptop.id }));
    expect(twice).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("less than an hour") });
    harness.wake();
    await waitFor(
      "the manual reminder in the bell",
      async () => (await remindersInBell(w.erin)).length === 3,
    );
    const listed = await caller(w.staff).portal.receipts.pending({});
    expect(listed.items.find((item) => item.assetId === laptop.id)?.remindersSent).toBe(5);
  });

  it("cannot remind someone without an account, and says why", async () => {
    const w = await world();
    const noAccount = await withPlatform(db, (trx) =>
      trx
        .insertInto("employees")
        .values({
          tenant_id: w.tenant.id,
          first_name: "Nadia",
          last_name: "Noaccount",
          work_email: "nadia@example.test",
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const asset = await assigned(w, noAccount.id, "Monitor");
    const page = await caller(w.staff).portal.receipts.pending({});
    expect(page.items.find((item) => item.assetId === asset.id)?.hasAccount).toBe(false);
    const refused = await refusal(caller(w.staff).portal.receipts.remind({ assetId: asset.id }));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("no active account"),
    });
  });
});

describe("equipment terms", () => {
  it("an admin publishes versions; a category's own terms replace the default for its assets", async () => {
    const w = await world();
    const overview = await caller(w.staff).portal.terms.overview();
    expect(overview.scopes.filter((scope) => scope.categoryId === null).length).toBeLessThanOrEqual(1);

    const first = await caller(w.admin).portal.terms.publish({ body: "Version A of the default terms." });
    const second = await caller(w.admin).portal.terms.publish({ body: "Version B of the default terms." });
    expect(second.version).toBe(first.version + 1);
    const same = await refusal(
      caller(w.admin).portal.terms.publish({ body: "Version B of the default terms." }),
    );
    expect(same?.message).toMatch(/already; change them first/);
    expect((await refusal(caller(w.staff).portal.terms.publish({ body: "Staff words" })))?.code).toBe(
      "FORBIDDEN",
    );

    const own = await caller(w.admin).portal.terms.publish({
      categoryId: w.fixtures.categoryId,
      body: "Laptops stay in the office overnight.",
    });
    expect(own.version).toBe(1);
    const history = await caller(w.auditor).portal.terms.history({});
    expect(history.map((version) => version.body).slice(0, 2)).toEqual([
      "Version B of the default terms.",
      "Version A of the default terms.",
    ]);
    expect(history[0]?.createdBy).toBe(w.admin.name);

    // the employee accepting a laptop of that category reads the category's terms
    const laptop = await createTestAsset(db, w.staff, w.fixtures.categoryId, { name: "Terms laptop" });
    await asUser(db, w.staff, (scope) => assignAsset(scope, { assetId: laptop.id, employeeId: w.erinId }));
    const shown = await caller(w.erin).portal.myAsset({ assetId: laptop.id });
    expect(shown.terms).toEqual({ version: 1, body: "Laptops stay in the office overnight." });
    expect(await eventsNamed(w.tenant.id, "equipment_terms.published")).toHaveLength(3);
  });
});

describe("employee CSV export", () => {
  it("writes the filtered employees, never their personal fields, and only the caller's tenant", async () => {
    const w = await world();
    const other = await createTestTenant(db);
    await createTestUser(db, other.tenant, "employee", { name: "Zed Elsewhere" });
    await withPlatform(db, (trx) =>
      trx
        .updateTable("employees")
        .set({ title: '=HYPERLINK("http://evil")', employee_number: "E-100" })
        .where("id", "=", w.erinId)
        .execute(),
    );
    await caller(w.admin).employees.update({
      employeeId: w.erinId,
      personalEmail: "erin.private@example.test",
    });
    const all = await exportEmployeesCsv(db, w.auditor, {});
    expect(all.filename).toMatch(/^employees-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await new Response(all.stream).text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Employee number,First name,Last name,Work email,Title,Department,Location,Manager email,Manager,Employment type,Status,Hire date,Termination date,Source,Assets held",
    );
    expect(lines.length).toBeGreaterThan(2);
    const erinLine = lines.find((line) => line.startsWith("E-100,"));
    // a cell a spreadsheet would run as a formula is written as text
    expect(erinLine).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toContain("erin.private@example.test");
    expect(csv).not.toContain("Elsewhere");

    // the list's filters apply: one person searched by name
    const searched = await new Response(
      (await exportEmployeesCsv(db, w.staff, { q: "Erin Employee" })).stream,
    ).text();
    expect(searched.trimEnd().split("\r\n")).toHaveLength(2);
    expect(searched).toContain("Erin Employee");
    expect(searched).not.toContain("Omar Other");
  });
});

describe("files of workflow steps", () => {
  it("a step's evidence is attached to the step, read by staff, and counts for its completion", async () => {
    const w = await world();
    const laptop = await createTestAsset(db, w.staff, w.fixtures.categoryId, { name: "Evidence laptop" });
    await asUser(db, w.staff, (scope) => assignAsset(scope, { assetId: laptop.id, employeeId: w.omarId }));
    const workflow = await seedOffboarding(db, caller(w.staff), w.tenant.id, w.omarId);
    const owner = { type: "workflow_step" as const, id: workflow.stepId };
    const evidence = await uploadAs(db, w.staff, fileStorage(), {
      purpose: "evidence",
      name: "wiped.pdf",
      bytes: pdfBytes("wiped"),
      owner,
    });
    const listed = await caller(w.auditor).files.list({ owner });
    expect(listed.map((file) => file.name)).toEqual(["wiped.pdf"]);
    expect((await refusal(caller(w.erin).files.list({ owner })))?.code).toBe("FORBIDDEN");
    // a contract is not evidence: refused with the reason
    const contract = await refusal(
      uploadAs(db, w.staff, fileStorage(), {
        purpose: "contract",
        name: "c.pdf",
        bytes: pdfBytes(),
        owner,
      }).catch((error) => {
        throw new TRPCError({ code: "BAD_REQUEST", message: (error as Error).message });
      }),
    );
    expect(contract?.message).toBe("Contracts cannot be attached to a workflow step.");
    const done = await caller(w.staff).workflows.completeStep({
      stepId: workflow.stepId,
      evidenceFileId: evidence.id,
    });
    expect(done.workflowId).toBe(workflow.id);
  });
});
