import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { notifyPasswordResetRequestedFunction } from "@/inngest/functions/notifications/notify-password-reset-requested";
import { notifySignUpAttemptedExistingFunction } from "@/inngest/functions/notifications/notify-sign-up-attempted-existing";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { requestPasswordReset } from "@/server/accounts/services/request-password-reset";
import { signUp } from "@/server/accounts/services/sign-up";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { type EventRow, toInngestEvent } from "@/server/events/envelope";
import { resendTransport } from "@/server/notifications/mailer";
import { listNotifications, unreadCount } from "@/server/notifications/queries";
import { markAllRead } from "@/server/notifications/services/mark-all-read";
import { deploymentTransports } from "@/server/notifications/services/send-delivery";
import { setPreference } from "@/server/notifications/services/set-preference";
import { notificationStream } from "@/server/notifications/stream";
import { createAssetFixtures, createTestAsset } from "@/tests/factories/assets";
import { linkedEmployeeOf } from "@/tests/factories/portal";
import { asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { type FakeResend, startFakeResend } from "@/tests/fakes/resend/fake-resend";
import { type EngineHarness, startEngineHarness } from "@/tests/support/engine-harness";
import { waitFor } from "@/tests/support/wait-for";

const FROM = "Assetronics <it@example.test>";

let fake: FakeResend;
let harness: EngineHarness;
const transport = () => resendTransport({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, from: FROM });
const transports = { ...deploymentTransports, mail: transport };

beforeAll(async () => {
  fake = await startFakeResend();
  harness = await startEngineHarness(
    (client) => [
      createTenantFunction(client, notifyAssetAssignedFunction(transports)),
      createTenantFunction(client, notifyPasswordResetRequestedFunction(transports)),
      createTenantFunction(client, notifySignUpAttemptedExistingFunction(transports)),
    ],
    { backoffBaseMs: 200 },
  );
  useDatabase({ db: harness.db, driver: "postgres", listen: harness.listen, close: async () => {} });
});
afterAll(async () => {
  await harness.close();
  await fake.close();
});

type World = {
  admin: TestUser;
  staff: TestUser;
  employee: TestUser;
  tenantName: string;
  assign: () => Promise<string>;
};

/** A tenant with IT staff and an employee who has an account; `assign` gives them a new laptop. */
async function world(db: Db): Promise<World> {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const employee = await createTestUser(db, tenant, "employee", { name: "Erin Employee" });
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  const employeeId = await linkedEmployeeOf(db, employee);
  return {
    admin,
    staff,
    employee,
    tenantName: tenant.name,
    assign: async () => {
      const asset = await createTestAsset(db, staff, categoryId, { name: "ThinkPad X1" });
      await asUser(db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
      return asset.id;
    },
  };
}

const deliveriesOf = (db: Db, user: TestUser) =>
  withTenant(db, user.tenantId, (trx) =>
    trx
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("user_id", "=", user.id)
      .orderBy("channel")
      .execute(),
  );
const emailDelivery = async (db: Db, user: TestUser, status: string) =>
  (await deliveriesOf(db, user)).find((d) => d.channel === "email" && d.status === status);
const sentTo = (user: TestUser) => fake.sent.filter((email) => email.to.includes(user.email));

describe("notifications through the embedded engine", () => {
  let w: World;
  beforeEach(async () => {
    w = await world(harness.db);
  });

  it("an assignment puts one notification in the employee's bell and sends one email", async () => {
    const assetId = await w.assign();
    harness.wake();
    const email = await waitFor("the email to be sent", () => emailDelivery(harness.db, w.employee, "sent"));

    const page = await withTenant(harness.db, w.employee.tenantId, (trx) =>
      listNotifications(trx, w.employee.tenantId, w.employee.id, { timeZone: "UTC", limit: 30 }),
    );
    const items = page.days.flatMap((day) => day.items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "asset_assigned", link: "/portal", readAt: null });
    expect(items[0]?.title).toMatch(/ThinkPad X1 is assigned to you$/);
    expect(
      await withTenant(harness.db, w.employee.tenantId, (trx) =>
        unreadCount(trx, w.employee.tenantId, w.employee.id),
      ),
    ).toBe(1);

    const mails = sentTo(w.employee);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      from: FROM,
      to: [w.employee.email],
      idempotencyKey: `delivery/${email.id}`,
    });
    expect(mails[0]?.subject).toMatch(/ThinkPad X1 is now assigned to you$/);
    expect(mails[0]?.html).toContain(w.tenantName);
    expect(mails[0]?.html).toContain('href="http://localhost:3000/portal"');
    expect(mails[0]?.text).toContain("Hello Erin Employee,");
    expect(mails[0]?.text).toContain("ThinkPad X1");
    expect(email).toMatchObject({ attempts: 1, provider_error: null, address: w.employee.email });
    expect(assetId).toBeTruthy();
  });

  it("a function run again for the same event delivers nothing twice", async () => {
    await w.assign();
    harness.wake();
    await waitFor("the first email", () => emailDelivery(harness.db, w.employee, "sent"));
    const event = await withPlatform(harness.db, (trx) =>
      trx
        .selectFrom("events")
        .selectAll()
        .where("tenant_id", "=", w.employee.tenantId)
        .where("name", "=", "asset.assigned")
        .executeTakeFirstOrThrow(),
    );
    // a fresh run of the same event: no memoized steps, as after a lost worker or a re-delivery
    const again = new InngestTestEngine({
      function: createTenantFunction(inngest, notifyAssetAssignedFunction(transports)),
      events: [toInngestEvent(event as EventRow)] as never,
    });
    const { error } = await again.execute();
    expect(error).toBeUndefined();

    expect(sentTo(w.employee)).toHaveLength(1);
    const deliveries = await deliveriesOf(harness.db, w.employee);
    expect(deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(["email:sent", "in_app:sent"]);
    const count = await withTenant(harness.db, w.employee.tenantId, (trx) =>
      trx.selectFrom("notifications").select("id").where("user_id", "=", w.employee.id).execute(),
    );
    expect(count).toHaveLength(1);
  });

  it("retries a rate-limited email after Retry-After and sends it once", async () => {
    fake.failNext(429, 1);
    const before = fake.requests;
    await w.assign();
    harness.wake();
    const email = await waitFor(
      "the retried email",
      () => emailDelivery(harness.db, w.employee, "sent"),
      20_000,
    );
    expect(email.attempts).toBe(2);
    expect(email.provider_error).toBeNull();
    expect(fake.requests - before).toBe(2);
    expect(sentTo(w.employee)).toHaveLength(1);
  });

  it("does not retry an email the provider refuses (422) and records why", async () => {
    fake.failNext(422);
    const before = fake.requests;
    await w.assign();
    harness.wake();
    const email = await waitFor("the refused email", () => emailDelivery(harness.db, w.employee, "failed"));
    expect(email.provider_error).toMatch(/validation_error \(HTTP 422\)/);
    const run = await waitFor("the run to complete", async () => {
      const runs = await harness.runsFor("notify-asset-assigned");
      return runs.find(
        (r) => r.status === "completed" && JSON.stringify(r.trigger_event).includes(w.employee.tenantId),
      );
    });
    expect(run).toBeTruthy();
    expect(fake.requests - before).toBe(1);
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("holds a non-urgent email during the employee's quiet hours; the bell still shows it", async () => {
    const now = new Date();
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    await asUser(harness.db, w.employee, (scope) =>
      scope.db
        .insertInto("notification_quiet_hours")
        .values({
          tenant_id: scope.tenantId,
          user_id: scope.user.id,
          starts_at: hhmm(new Date(now.getTime() - 60 * 60_000)),
          ends_at: hhmm(new Date(now.getTime() + 2 * 60 * 60_000)),
          time_zone: "UTC",
        })
        .execute(),
    );
    await w.assign();
    harness.wake();
    const deferred = await waitFor("the deferred email", () =>
      emailDelivery(harness.db, w.employee, "deferred"),
    );
    const until = deferred.next_attempt_at?.getTime() ?? 0;
    expect(until - now.getTime()).toBeGreaterThan(110 * 60_000);
    expect(until - now.getTime()).toBeLessThanOrEqual(121 * 60_000);
    await waitFor("the in-app notification", async () => {
      const deliveries = await deliveriesOf(harness.db, w.employee);
      return deliveries.some((d) => d.channel === "in_app" && d.status === "sent");
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("sends no email to an employee who turned assignment emails off; the bell still rings", async () => {
    const prefs = await asUser(harness.db, w.employee, (scope) =>
      setPreference(scope, { type: "asset_assigned", channel: "email", enabled: false }),
    );
    expect(prefs.rows.find((row) => row.type === "asset_assigned")?.channels).toEqual({
      in_app: true,
      email: false,
      sms: false,
      push: false,
      digest: false,
    });
    await w.assign();
    harness.wake();
    await waitFor("the run to complete", async () => {
      const runs = await harness.runsFor("notify-asset-assigned");
      return runs.some(
        (r) => r.status === "completed" && JSON.stringify(r.trigger_event).includes(w.employee.tenantId),
      );
    });
    const deliveries = await deliveriesOf(harness.db, w.employee);
    expect(deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(["in_app:sent"]);
    expect(sentTo(w.employee)).toHaveLength(0);
    const events = await withTenant(harness.db, w.employee.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "actor_id"])
        .where("name", "=", "notification.preference_changed")
        .execute(),
    );
    expect(events).toEqual([{ name: "notification.preference_changed", actor_id: w.employee.id }]);
  });

  it("tells the tenant's admins that a member asks for a password reset", async () => {
    await requestPasswordReset(harness.db, { email: w.employee.email }, "198.51.100.7");
    harness.wake();
    await waitFor("the admin's email", () => emailDelivery(harness.db, w.admin, "sent"));
    const [mail] = sentTo(w.admin);
    expect(mail?.subject).toBe(`${w.employee.email} asks for a password reset`);
    expect(mail?.html).toContain('href="http://localhost:3000/settings/users"');
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("tells an account's owner at once, even in quiet hours, that someone signed up with their email", async () => {
    await asUser(harness.db, w.employee, (scope) =>
      scope.db
        .insertInto("notification_quiet_hours")
        .values({
          tenant_id: scope.tenantId,
          user_id: scope.user.id,
          starts_at: "00:00",
          ends_at: "23:59",
          time_zone: "UTC",
        })
        .execute(),
    );
    await signUp(
      harness.db,
      {
        organization: "Copycat Ltd",
        name: "Someone Else",
        email: w.employee.email,
        password: "another-long-password",
      },
      "203.0.113.9",
    );
    harness.wake();
    await waitFor("the owner's email", () => emailDelivery(harness.db, w.employee, "sent"));
    const [mail] = sentTo(w.employee);
    expect(mail?.subject).toBe("Someone tried to sign up with your email");
    expect(mail?.text).toContain("203.0.113.9");
  });

  it("streams a new notification and the unread count to the open bell as soon as it commits", async () => {
    const abort = new AbortController();
    const reader = notificationStream(
      harness.db,
      { tenantId: w.employee.tenantId, id: w.employee.id },
      abort.signal,
    ).getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    /** The next Server-Sent Event as [name, data]. */
    const nextEvent = async (): Promise<[string, unknown]> => {
      while (!buffer.includes("\n\n")) {
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        buffer += decoder.decode(value, { stream: true });
      }
      const [block = "", ...rest] = buffer.split("\n\n");
      buffer = rest.join("\n\n");
      const name = /^event: (.+)$/m.exec(block)?.[1] ?? "";
      const data = /^data: (.+)$/m.exec(block)?.[1] ?? "null";
      return [name, JSON.parse(data)];
    };
    try {
      expect(await nextEvent()).toEqual(["unread", { count: 0 }]);
      await w.assign();
      harness.wake();
      const [name, item] = await nextEvent();
      expect(name).toBe("notification");
      expect(item).toMatchObject({ type: "asset_assigned", link: "/portal", readAt: null });
      expect(await nextEvent()).toEqual(["unread", { count: 1 }]);

      // read in another tab (another transaction): this bell drops to zero
      await asUser(harness.db, w.employee, (scope) => markAllRead(scope));
      expect(await nextEvent()).toEqual(["unread", { count: 0 }]);
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});
