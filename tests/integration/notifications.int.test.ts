import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { beforeEach, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { notifyPasswordResetRequestedFunction } from "@/inngest/functions/notifications/notify-password-reset-requested";
import { notifySignUpAttemptedExistingFunction } from "@/inngest/functions/notifications/notify-sign-up-attempted-existing";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { requestPasswordReset } from "@/server/accounts/services/request-password-reset";
import { signUp } from "@/server/accounts/services/sign-up";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { type EventRow, toInngestEvent } from "@/server/events/envelope";
import { listNotifications, unreadCount } from "@/server/notifications/queries";
import { markAllRead } from "@/server/notifications/services/mark-all-read";
import { deploymentTransports } from "@/server/notifications/services/send-delivery";
import { setPreference } from "@/server/notifications/services/set-preference";
import { notificationStream } from "@/server/notifications/stream";
import {
  createNotificationWorld,
  type NotificationWorld,
  setQuietHours,
} from "@/tests/factories/notifications";
import { asUser, type TestUser } from "@/tests/factories/tenants";
import { completedRunFor } from "@/tests/support/engine-harness";
import { mailEngine } from "@/tests/support/mail-engine";
import { waitFor } from "@/tests/support/wait-for";

// The assertions name the sender the mail engine's transport uses.
const FROM = "Assetronics <it@example.test>";

const engine = mailEngine((client) => [
  createTenantFunction(client, notifyAssetAssignedFunction(transports)),
  createTenantFunction(client, notifyPasswordResetRequestedFunction(transports)),
  createTenantFunction(client, notifySignUpAttemptedExistingFunction(transports)),
]);
const transports = { ...deploymentTransports, mail: () => engine.transport() };

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
const sentTo = (user: TestUser) => engine.mailsTo(user.email);

describe("notifications through the embedded engine", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(engine.harness.db);
  });

  /** Assigns a laptop to the employee, waits for its email, and returns its asset.assigned event row. */
  const assignedAndSent = async () => {
    await w.assign();
    engine.harness.wake();
    await waitFor("the first email", () => emailDelivery(engine.harness.db, w.employee, "sent"));
    const row = await withPlatform(engine.harness.db, (trx) =>
      trx
        .selectFrom("events")
        .selectAll()
        .where("tenant_id", "=", w.employee.tenantId)
        .where("name", "=", "asset.assigned")
        .executeTakeFirstOrThrow(),
    );
    return row as EventRow;
  };

  it("an assignment puts one notification in the employee's bell and sends one email", async () => {
    const assetId = await w.assign();
    engine.harness.wake();
    const email = await waitFor("the email to be sent", () =>
      emailDelivery(engine.harness.db, w.employee, "sent"),
    );

    const page = await withTenant(engine.harness.db, w.employee.tenantId, (trx) =>
      listNotifications(trx, w.employee.tenantId, w.employee.id, { timeZone: "UTC", limit: 30 }),
    );
    const items = page.days.flatMap((day) => day.items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: "asset_assigned", link: "/portal", readAt: null });
    expect(items[0]?.title).toMatch(/ThinkPad X1 is assigned to you$/);
    expect(
      await withTenant(engine.harness.db, w.employee.tenantId, (trx) =>
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

  it("assignments made together ring each bell and leave as one call of Resend's batch endpoint", async () => {
    const batchesBefore = engine.fake.batchRequests;
    await w.assignTogether(["ThinkPad X1", "Dell U2723QE"]);
    engine.harness.wake();
    const deliveries = await waitFor("both emails sent", async () => {
      const rows = await deliveriesOf(engine.harness.db, w.employee);
      return rows.filter((d) => d.channel === "email" && d.status === "sent").length === 2 ? rows : undefined;
    });

    expect(deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual([
      "email:sent",
      "email:sent",
      "in_app:sent",
      "in_app:sent",
    ]);
    expect(engine.fake.batchRequests).toBe(batchesBefore + 1);
    const mails = sentTo(w.employee);
    expect(mails.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ThinkPad X1 is now assigned to you$/),
        expect.stringMatching(/Dell U2723QE is now assigned to you$/),
      ]),
    );
    expect(mails).toHaveLength(2);
    expect(mails.every((mail) => mail.idempotencyKey?.startsWith("deliveries/"))).toBe(true);
    // Each delivery records its own email's id from the batch's answer.
    const emails = deliveries.filter((d) => d.channel === "email");
    expect(emails.map((d) => d.provider_message_id).sort()).toEqual(mails.map((mail) => mail.id).sort());
    expect(emails.every((d) => d.attempts === 1 && d.provider_error === null)).toBe(true);
  });

  it("a rate-limited batch is sent again after Retry-After, each email once", async () => {
    engine.fake.failNext(429, 1);
    const before = engine.fake.batchRequests;
    await w.assignTogether(["ThinkPad X1", "Dell U2723QE"]);
    engine.harness.wake();
    const emails = await waitFor("both emails sent", async () => {
      const rows = (await deliveriesOf(engine.harness.db, w.employee)).filter((d) => d.channel === "email");
      return rows.every((d) => d.status === "sent") && rows.length === 2 ? rows : undefined;
    });
    expect(engine.fake.batchRequests).toBe(before + 2);
    expect(sentTo(w.employee)).toHaveLength(2);
    // The rate-limited attempt is counted, with no error left once sent.
    expect(emails.map((d) => d.attempts)).toEqual([2, 2]);
    expect(emails.every((d) => d.provider_error === null)).toBe(true);
  });

  it("a function run again for the same event delivers nothing twice", async () => {
    const event = await assignedAndSent();
    // a fresh run of the same event: no memoized steps, as after a lost worker or a re-delivery
    const again = new InngestTestEngine({
      function: createTenantFunction(inngest, notifyAssetAssignedFunction(transports)),
      events: [toInngestEvent(event)] as never,
    });
    const { error } = await again.execute();
    expect(error).toBeUndefined();

    expect(sentTo(w.employee)).toHaveLength(1);
    const deliveries = await deliveriesOf(engine.harness.db, w.employee);
    expect(deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(["email:sent", "in_app:sent"]);
    const count = await withTenant(engine.harness.db, w.employee.tenantId, (trx) =>
      trx.selectFrom("notifications").select("id").where("user_id", "=", w.employee.id).execute(),
    );
    expect(count).toHaveLength(1);
  });

  it("an assignment whose bell fails does not hold back the rest of its batch", async () => {
    const row = await assignedAndSent();
    // A batch of a broken event (its asset id is no id at all) and another assignment's.
    const broken: EventRow = { ...row, id: randomUUID(), entity_id: "not-an-asset-id" };
    const next: EventRow = { ...row, id: randomUUID() };
    const run = new InngestTestEngine({
      function: createTenantFunction(inngest, notifyAssetAssignedFunction(transports)),
      events: [toInngestEvent(broken), toInngestEvent(next)] as never,
    });
    const { error } = await run.execute();

    // The broken one fails its own step, to be retried; the other's bell rang and its email left.
    expect(String((error as Error | undefined)?.message)).toMatch(/uuid/);
    expect(sentTo(w.employee)).toHaveLength(2);
    const deliveries = await deliveriesOf(engine.harness.db, w.employee);
    expect(deliveries.filter((d) => d.event_id === next.id).map((d) => `${d.channel}:${d.status}`)).toEqual([
      "email:sent",
      "in_app:sent",
    ]);
  });

  it("retries a rate-limited email after Retry-After and sends it once", async () => {
    engine.fake.failNext(429, 1);
    const before = engine.fake.requests;
    await w.assign();
    engine.harness.wake();
    const email = await waitFor(
      "the retried email",
      () => emailDelivery(engine.harness.db, w.employee, "sent"),
      20_000,
    );
    expect(email.attempts).toBe(2);
    expect(email.provider_error).toBeNull();
    expect(engine.fake.requests - before).toBe(2);
    expect(sentTo(w.employee)).toHaveLength(1);
  });

  it("does not retry an email the provider refuses (422) and records why", async () => {
    engine.fake.failNext(422);
    const before = engine.fake.requests;
    await w.assign();
    engine.harness.wake();
    const email = await waitFor("the refused email", () =>
      emailDelivery(engine.harness.db, w.employee, "failed"),
    );
    expect(email.provider_error).toMatch(/validation_error \(HTTP 422\)/);
    expect(await completedRunFor(engine.harness, "notify-asset-assigned", w.employee.tenantId)).toBeTruthy();
    expect(engine.fake.requests - before).toBe(1);
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("holds a non-urgent email during the employee's quiet hours; the bell still shows it", async () => {
    const now = new Date();
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    await setQuietHours(engine.harness.db, w.employee, {
      startsAt: hhmm(new Date(now.getTime() - 60 * 60_000)),
      endsAt: hhmm(new Date(now.getTime() + 2 * 60 * 60_000)),
      timeZone: "UTC",
    });
    await w.assign();
    engine.harness.wake();
    const deferred = await waitFor("the deferred email", () =>
      emailDelivery(engine.harness.db, w.employee, "deferred"),
    );
    const until = deferred.next_attempt_at?.getTime() ?? 0;
    expect(until - now.getTime()).toBeGreaterThan(110 * 60_000);
    expect(until - now.getTime()).toBeLessThanOrEqual(121 * 60_000);
    await waitFor("the in-app notification", async () => {
      const deliveries = await deliveriesOf(engine.harness.db, w.employee);
      return deliveries.some((d) => d.channel === "in_app" && d.status === "sent");
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("sends no email to an employee who turned assignment emails off; the bell still rings", async () => {
    const prefs = await asUser(engine.harness.db, w.employee, (scope) =>
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
    engine.harness.wake();
    await completedRunFor(engine.harness, "notify-asset-assigned", w.employee.tenantId);
    const deliveries = await deliveriesOf(engine.harness.db, w.employee);
    expect(deliveries.map((d) => `${d.channel}:${d.status}`)).toEqual(["in_app:sent"]);
    expect(sentTo(w.employee)).toHaveLength(0);
    const events = await withTenant(engine.harness.db, w.employee.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "actor_id"])
        .where("name", "=", "notification.preference_changed")
        .execute(),
    );
    expect(events).toEqual([{ name: "notification.preference_changed", actor_id: w.employee.id }]);
  });

  it("tells the tenant's admins that a member asks for a password reset", async () => {
    await requestPasswordReset(engine.harness.db, { email: w.employee.email }, "198.51.100.7");
    engine.harness.wake();
    await waitFor("the admin's email", () => emailDelivery(engine.harness.db, w.admin, "sent"));
    const [mail] = sentTo(w.admin);
    expect(mail?.subject).toBe(`${w.employee.email} asks for a password reset`);
    expect(mail?.html).toContain('href="http://localhost:3000/settings/users"');
    expect(sentTo(w.employee)).toHaveLength(0);
  });

  it("tells an account's owner at once, even in quiet hours, that someone signed up with their email", async () => {
    await setQuietHours(engine.harness.db, w.employee);
    await signUp(
      engine.harness.db,
      {
        organization: "Copycat Ltd",
        name: "Someone Else",
        email: w.employee.email,
        password: "another-long-password",
      },
      "203.0.113.9",
    );
    engine.harness.wake();
    await waitFor("the owner's email", () => emailDelivery(engine.harness.db, w.employee, "sent"));
    const [mail] = sentTo(w.employee);
    expect(mail?.subject).toBe("Someone tried to sign up with your email");
    expect(mail?.text).toContain("203.0.113.9");
  });

  it("streams a new notification and the unread count to the open bell as soon as it commits", async () => {
    const abort = new AbortController();
    const reader = notificationStream(
      engine.harness.db,
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
      engine.harness.wake();
      const [name, item] = await nextEvent();
      expect(name).toBe("notification");
      expect(item).toMatchObject({ type: "asset_assigned", link: "/portal", readAt: null });
      expect(await nextEvent()).toEqual(["unread", { count: 1 }]);

      // read in another tab (another transaction): this bell drops to zero
      await asUser(engine.harness.db, w.employee, (scope) => markAllRead(scope));
      expect(await nextEvent()).toEqual(["unread", { count: 0 }]);
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});
