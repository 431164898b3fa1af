import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import webpush from "web-push";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { retryNotificationDeliveryFunction } from "@/inngest/functions/notifications/retry-notification-delivery";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { systemScope } from "@/server/context";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { webPushTransport } from "@/server/notifications/channels/push";
import { twilioTransport } from "@/server/notifications/channels/sms";
import { deliveryChart, failedDeliveries } from "@/server/notifications/delivery-log";
import { resendTransport } from "@/server/notifications/mailer";
import { preferencesOf } from "@/server/notifications/preferences";
import { retryDelivery } from "@/server/notifications/services/retry-delivery";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { dueDigests, sendDigest } from "@/server/notifications/services/send-digest";
import { setNotificationSettings } from "@/server/notifications/services/set-notification-settings";
import { setPreference } from "@/server/notifications/services/set-preference";
import { setRoleDefault } from "@/server/notifications/services/set-role-default";
import { subscribePush } from "@/server/notifications/services/subscribe-push";
import {
  createNotificationWorld,
  type NotificationWorld,
  setQuietHours,
} from "@/tests/factories/notifications";
import { asUser, type TestUser } from "@/tests/factories/tenants";
import { type FakeResend, startFakeResend } from "@/tests/fakes/resend/fake-resend";
import { type FakeTwilio, startFakeTwilio } from "@/tests/fakes/twilio/fake-twilio";
import { type FakePushService, startFakePushService } from "@/tests/fakes/webpush/fake-push-service";
import { completedRunFor, type EngineHarness, startEngineHarness } from "@/tests/support/engine-harness";
import { waitFor } from "@/tests/support/wait-for";

const FROM = "Assetronics <it@example.test>";
const PHONE = "+447700900123";

let resend: FakeResend;
let twilio: FakeTwilio;
let pushService: FakePushService;
let harness: EngineHarness;
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:it@example.test" };
const transports: Transports = {
  ...deploymentTransports,
  mail: () => resendTransport({ apiKey: resend.apiKey, baseUrl: resend.baseUrl, from: FROM }),
  sms: () =>
    twilioTransport({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: twilio.from,
      baseUrl: twilio.baseUrl,
    }),
  push: () => webPushTransport(vapid),
};

beforeAll(async () => {
  [resend, twilio, pushService] = await Promise.all([
    startFakeResend(),
    startFakeTwilio(),
    startFakePushService(),
  ]);
  harness = await startEngineHarness(
    (client) => [
      createTenantFunction(client, notifyAssetAssignedFunction(transports)),
      createTenantFunction(client, retryNotificationDeliveryFunction(transports)),
    ],
    { backoffBaseMs: 200 },
  );
  useDatabase({ db: harness.db, driver: "postgres", listen: harness.listen, close: async () => {} });
});
afterAll(async () => {
  await harness.close();
  await Promise.all([resend.close(), twilio.close(), pushService.close()]);
});

const deliveryOf = (db: Db, user: TestUser, channel: string, status?: string) =>
  withTenant(db, user.tenantId, async (trx) => {
    let query = trx
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("user_id", "=", user.id)
      .where("channel", "=", channel);
    if (status) query = query.where("status", "=", status);
    return query.orderBy("created_at", "desc").executeTakeFirst();
  });

async function withPhone(user: TestUser, on = true) {
  await asUser(harness.db, user, async (scope) => {
    await setNotificationSettings(scope, { phone: PHONE, digestHour: 8, digestTimeZone: "UTC" });
    if (on) await setPreference(scope, { type: "asset_assigned", channel: "sms", enabled: true });
  });
}

async function withPush(user: TestUser) {
  const subscription = pushService.subscribe(vapid.publicKey);
  await asUser(harness.db, user, async (scope) => {
    await subscribePush(scope, { ...subscription, label: "Firefox on Linux" });
    await setPreference(scope, { type: "asset_assigned", channel: "push", enabled: true });
  });
  return subscription;
}

describe("text messages (Twilio-shaped)", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(harness.db);
  });

  it("texts the employee's number, sealed at rest, with the title and a link back", async () => {
    await withPhone(w.employee);
    await w.assign();
    harness.wake();
    const sms = await waitFor("the text message", () => deliveryOf(harness.db, w.employee, "sms", "sent"));
    const message = twilio.messages.find((m) => m.sid === sms.provider_message_id);
    expect(message?.to).toBe(PHONE);
    expect(message?.from).toBe(twilio.from);
    expect(message?.body).toMatch(/is assigned to you\. .*http:\/\/localhost:3000\/portal$/);
    expect(sms).toMatchObject({ attempts: 1, provider_message_id: message?.sid, address: "•••• 0123" });

    const stored = await withTenant(harness.db, w.employee.tenantId, (trx) =>
      trx
        .selectFrom("notification_settings")
        .selectAll()
        .where("user_id", "=", w.employee.id)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.phone_sealed).not.toContain("7700900123");
    expect(stored.phone_hint).toBe("•••• 0123");
  });

  it("retries after Twilio's 429 (20429) and Retry-After, and sends once", async () => {
    await withPhone(w.employee);
    twilio.failNext(429, 1);
    const before = twilio.requests;
    await w.assign();
    harness.wake();
    const sms = await waitFor(
      "the retried text",
      () => deliveryOf(harness.db, w.employee, "sms", "sent"),
      20_000,
    );
    expect(sms.attempts).toBe(2);
    expect(twilio.requests - before).toBe(2);
    expect(twilio.messages.filter((m) => m.sid === sms.provider_message_id)).toHaveLength(1);
  });

  it("does not retry a number that replied STOP; it lands on the failed page, and an admin's retry sends it", async () => {
    await withPhone(w.employee);
    twilio.optOut(PHONE);
    const before = twilio.requests;
    await w.assign();
    harness.wake();
    const bounced = await waitFor("the refused text", () =>
      deliveryOf(harness.db, w.employee, "sms", "bounced"),
    );
    expect(bounced.provider_error).toMatch(
      /Twilio 21610 \(HTTP 400\): Attempt to send to unsubscribed recipient/,
    );
    await completedRunFor(harness, "notify-asset-assigned", w.employee.tenantId);
    expect(twilio.requests - before).toBe(1);

    const page = await asUser(harness.db, w.admin, (scope) =>
      failedDeliveries(scope.db, scope.tenantId, { limit: 50 }),
    );
    expect(page).toEqual([
      expect.objectContaining({
        id: bounced.id,
        channel: "sms",
        type: "asset_assigned",
        state: "bounced",
        attempts: 1,
        recipient: expect.stringContaining(w.employee.email),
        reason: expect.stringContaining("21610"),
      }),
    ]);

    // the employee texted START again; an admin retries from the page
    twilio.optIn(PHONE);
    await asUser(harness.db, w.admin, (scope) => retryDelivery(scope, bounced.id));
    await expect(asUser(harness.db, w.admin, (scope) => retryDelivery(scope, bounced.id))).rejects.toThrow(
      /already being sent again/,
    );
    harness.wake();
    const sent = await waitFor("the retried text", () => deliveryOf(harness.db, w.employee, "sms", "sent"));
    expect(sent.attempts).toBe(2);
    expect(sent.provider_error).toBeNull();
    const after = await asUser(harness.db, w.admin, (scope) =>
      failedDeliveries(scope.db, scope.tenantId, { limit: 50 }),
    );
    expect(after).toEqual([]);
  });

  it("holds a text during quiet hours like an email", async () => {
    await withPhone(w.employee);
    await setQuietHours(harness.db, w.employee);
    const before = twilio.requests;
    await w.assign();
    harness.wake();
    const deferred = await waitFor("the deferred text", () =>
      deliveryOf(harness.db, w.employee, "sms", "deferred"),
    );
    expect(deferred.next_attempt_at?.toISOString().slice(11, 16)).toBe("23:59");
    await waitFor("the bell", () => deliveryOf(harness.db, w.employee, "in_app", "sent"));
    expect(twilio.requests - before).toBe(0);
  });
});

describe("browser push (VAPID)", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(harness.db);
  });

  it("pushes an encrypted notification the browser decrypts to the title, body and link", async () => {
    const subscription = await withPush(w.employee);
    await w.assign();
    harness.wake();
    const push = await waitFor("the push", () => deliveryOf(harness.db, w.employee, "push", "sent"));
    const received = pushService.received.filter((r) => r.endpoint === subscription.endpoint);
    expect(received).toHaveLength(1);
    expect(received[0]?.payload).toMatchObject({
      title: expect.stringMatching(/ThinkPad X1 is assigned to you$/),
      link: "/portal",
      tag: `asset_assigned-${push.id}`,
    });
    expect(received[0]?.urgency).toBe("normal");
    expect(push.provider_message_id).toBe("1 of 1 browsers");
  });

  it("forgets a browser whose subscription is gone (410) and fails the delivery without retrying", async () => {
    const subscription = await withPush(w.employee);
    pushService.expire(subscription);
    const before = pushService.requests;
    await w.assign();
    harness.wake();
    const failed = await waitFor("the failed push", () =>
      deliveryOf(harness.db, w.employee, "push", "failed"),
    );
    expect(failed.provider_error).toMatch(/HTTP 410/);
    await completedRunFor(harness, "notify-asset-assigned", w.employee.tenantId);
    expect(pushService.requests - before).toBe(1);
    const prefs = await asUser(harness.db, w.employee, (scope) =>
      preferencesOf(scope.db, scope.tenantId, scope.user),
    );
    expect(prefs.pushSubscriptions).toEqual([]);
  });

  it("a push is signed with the app's VAPID key: a browser subscribed to another key refuses it (403), not retried", async () => {
    // e.g. subscribed before the data directory's keys were replaced: the push service checks the
    // JWT's signature and that its key is the one the browser subscribed with
    const subscription = pushService.subscribe(webpush.generateVAPIDKeys().publicKey);
    await asUser(harness.db, w.employee, async (scope) => {
      await subscribePush(scope, { ...subscription, label: "Chrome on macOS" });
      await setPreference(scope, { type: "asset_assigned", channel: "push", enabled: true });
    });
    const before = pushService.requests;
    await w.assign();
    harness.wake();
    const failed = await waitFor("the refused push", () =>
      deliveryOf(harness.db, w.employee, "push", "failed"),
    );
    expect(failed.provider_error).toMatch(/HTTP 403/);
    await completedRunFor(harness, "notify-asset-assigned", w.employee.tenantId);
    expect(pushService.requests - before).toBe(1);
    expect(pushService.received.filter((r) => r.endpoint === subscription.endpoint)).toHaveLength(0);
  });

  it("retries a push service's 429 and delivers once", async () => {
    const subscription = await withPush(w.employee);
    pushService.failNext(429, 1);
    await w.assign();
    harness.wake();
    const push = await waitFor(
      "the retried push",
      () => deliveryOf(harness.db, w.employee, "push", "sent"),
      20_000,
    );
    expect(push.attempts).toBe(2);
    expect(pushService.received.filter((r) => r.endpoint === subscription.endpoint)).toHaveLength(1);
  });

  it("holds a push during quiet hours", async () => {
    const subscription = await withPush(w.employee);
    await setQuietHours(harness.db, w.employee);
    await w.assign();
    harness.wake();
    await waitFor("the deferred push", () => deliveryOf(harness.db, w.employee, "push", "deferred"));
    await waitFor("the bell", () => deliveryOf(harness.db, w.employee, "in_app", "sent"));
    expect(pushService.received.filter((r) => r.endpoint === subscription.endpoint)).toHaveLength(0);
  });
});

describe("daily digest", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(harness.db);
  });

  it("collects a day's notifications into one email at the chosen hour instead of one each", async () => {
    await asUser(harness.db, w.employee, async (scope) => {
      await setNotificationSettings(scope, { digestHour: 7, digestTimeZone: "Europe/Paris" });
      await setPreference(scope, { type: "asset_assigned", channel: "digest", enabled: true });
    });
    const before = resend.sent.length;
    await w.assign("ThinkPad X1");
    await w.assign("Dell Monitor");
    harness.wake();
    const items = await waitFor("two digest items", async () => {
      const rows = await withTenant(harness.db, w.employee.tenantId, (trx) =>
        trx
          .selectFrom("notification_deliveries")
          .selectAll()
          .where("user_id", "=", w.employee.id)
          .where("channel", "=", "digest")
          .execute(),
      );
      return rows.length === 2 && rows;
    });
    expect(items.every((item) => item.status === "deferred")).toBe(true);
    const due = items[0]?.next_attempt_at as Date;
    // 07:00 in Paris is 05:00 or 06:00 UTC depending on the season
    expect(
      new Intl.DateTimeFormat("en-GB", {
        timeZone: "Europe/Paris",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).format(due),
    ).toBe("07:00");
    expect(resend.sent.length - before).toBe(0);

    const later = new Date(due.getTime() + 60_000);
    const recipients = await withPlatform(harness.db, (trx) => dueDigests(trx, later));
    expect(recipients).toContainEqual({ tenantId: w.employee.tenantId, userId: w.employee.id });
    const inTenant = <T>(work: (scope: ReturnType<typeof systemScope>) => Promise<T>) =>
      withTenant(harness.db, w.employee.tenantId, (trx) =>
        work(systemScope(trx, w.employee.tenantId, { label: "digest test", cause: null })),
      );
    const { items: count, outcome } = await sendDigest(inTenant, transports.mail(), w.employee.id, later);
    expect(outcome?.kind).toBe("sent");
    expect(count).toBe(2);
    const mails = resend.sent.filter((mail) => mail.to.includes(w.employee.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Your daily summary: 2 notifications");
    expect(mails[0]?.text).toContain("ThinkPad X1");
    expect(mails[0]?.text).toContain("Dell Monitor");

    // sent once: the next sweep finds nothing for them
    const again = await sendDigest(inTenant, transports.mail(), w.employee.id, later);
    expect(again.outcome).toBeNull();
    expect(resend.sent.filter((mail) => mail.to.includes(w.employee.email))).toHaveLength(1);
  });
});

describe("role defaults and the delivery chart", () => {
  it("a role's default reaches everyone of that role who has not chosen; their own choice wins", async () => {
    const w = await createNotificationWorld(harness.db);
    await asUser(harness.db, w.employee, (scope) =>
      setNotificationSettings(scope, { phone: PHONE, digestHour: 8, digestTimeZone: "UTC" }),
    );
    const defaults = await asUser(harness.db, w.admin, (scope) =>
      setRoleDefault(scope, { role: "employee", type: "asset_assigned", channel: "sms", enabled: true }),
    );
    expect(
      defaults.rows.find((r) => r.role === "employee" && r.type === "asset_assigned")?.channels.sms,
    ).toBe(true);
    expect(
      defaults.rows.find((r) => r.role === "it_staff" && r.type === "asset_assigned")?.channels.sms,
    ).toBe(false);

    await w.assign("First laptop");
    harness.wake();
    await waitFor("the text by default", () => deliveryOf(harness.db, w.employee, "sms", "sent"));

    await asUser(harness.db, w.employee, (scope) =>
      setPreference(scope, { type: "asset_assigned", channel: "sms", enabled: false }),
    );
    const before = twilio.requests;
    await w.assign("Second laptop");
    harness.wake();
    await completedRunFor(harness, "notify-asset-assigned", w.employee.tenantId);
    await waitFor("both runs", async () => {
      const rows = await withTenant(harness.db, w.employee.tenantId, (trx) =>
        trx
          .selectFrom("notification_deliveries")
          .select("id")
          .where("user_id", "=", w.employee.id)
          .where("channel", "=", "in_app")
          .execute(),
      );
      return rows.length === 2;
    });
    expect(twilio.requests - before).toBe(0);

    const chart = await asUser(harness.db, w.admin, (scope) =>
      deliveryChart(scope.db, scope.tenantId, "UTC", 14),
    );
    expect(chart.days).toHaveLength(14);
    const today = chart.days.length - 1;
    const count = (channel: string, status: string) =>
      chart.series.find((s) => s.channel === channel && s.status === status)?.counts[today];
    expect(count("in_app", "sent")).toBe(2);
    expect(count("sms", "sent")).toBe(1);
    expect(count("email", "failed")).toBe(0);
  });
});
