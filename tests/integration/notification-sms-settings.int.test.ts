import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import type { InTenant } from "@/server/context";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { guardedFetch } from "@/server/integrations/guarded-fetch";
import { twilioTransport } from "@/server/notifications/channels/sms";
import { failedDeliveries } from "@/server/notifications/delivery-log";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { setNotificationSettings } from "@/server/notifications/services/set-notification-settings";
import { setPreference } from "@/server/notifications/services/set-preference";
import type { TenantSmsAccount } from "@/server/notifications/sms-settings/queries";
import { smsSettingsOf } from "@/server/notifications/sms-settings/queries";
import {
  type SaveSmsSettingsInput as SaveInput,
  SaveSmsSettingsInput,
} from "@/server/notifications/sms-settings/schemas";
import { removeSmsSettings } from "@/server/notifications/sms-settings/services/remove-sms-settings";
import { saveSmsSettings } from "@/server/notifications/sms-settings/services/save-sms-settings";
import { SMS_TEST_BODY, sendSmsTest } from "@/server/notifications/sms-settings/services/send-sms-test";
import { setSmsEnabled } from "@/server/notifications/sms-settings/services/set-sms-enabled";
import { tenantSmsTransport } from "@/server/notifications/sms-settings/transport";
import { createCaller } from "@/server/router";
import { createNotificationWorld, type NotificationWorld } from "@/tests/factories/notifications";
import { asUser, type TestUser } from "@/tests/factories/tenants";
import { type FakeTwilio, INVALID_NUMBER, startFakeTwilio } from "@/tests/fakes/twilio/fake-twilio";
import { completedRunFor, type EngineHarness, startEngineHarness } from "@/tests/support/engine-harness";
import { waitFor } from "@/tests/support/wait-for";

/**
 * A tenant's own Twilio account (issue 14): its texts go out with it, a tenant without one falls
 * back to the platform's account, a wrong token fails for good and shows on the failed page, the
 * token is sealed at rest and never shown or audited, and "Send test message" reports Twilio's
 * answer. Two Twilio fakes: the platform's (TWILIO_*) and the tenant's.
 */

const PHONE = "+447700900123";
let platform: FakeTwilio;
let own: FakeTwilio;
let harness: EngineHarness;
/** The tenant's account reaches its fake on 127.0.0.1, as INTEGRATIONS_ALLOW_PRIVATE_HOSTS would allow. */
const tenantSms = (account: TenantSmsAccount) =>
  tenantSmsTransport(account, guardedFetch({ allowPrivateHosts: true }));
const transports: Transports = {
  ...deploymentTransports,
  mail: () => ({ kind: "preview", from: "it@example.test" }),
  sms: () =>
    twilioTransport({
      accountSid: platform.accountSid,
      authToken: platform.authToken,
      from: platform.from,
      baseUrl: platform.baseUrl,
    }),
  tenantSms,
};

beforeAll(async () => {
  [platform, own] = await Promise.all([startFakeTwilio(), startFakeTwilio()]);
  harness = await startEngineHarness(
    (client) => [createTenantFunction(client, notifyAssetAssignedFunction(transports))],
    { backoffBaseMs: 200 },
  );
  useDatabase({ db: harness.db, driver: "postgres", listen: harness.listen, close: async () => {} });
});
afterAll(async () => {
  await harness.close();
  await Promise.all([platform.close(), own.close()]);
});

const OWN_SENDER = "+15005550006";
const accountInput = (overrides: Partial<SaveInput> = {}): SaveInput => ({
  accountSid: own.accountSid,
  authToken: own.authToken,
  sender: OWN_SENDER,
  baseUrl: own.baseUrl,
  enabled: true,
  ...overrides,
});
const save = (admin: TestUser, input: SaveInput, allowPrivateHosts = true) =>
  asUser(harness.db, admin, (scope) =>
    saveSmsSettings(scope, { allowPrivateHosts }, SaveSmsSettingsInput.parse(input)),
  );

async function withPhone(user: TestUser, phone = PHONE) {
  await asUser(harness.db, user, async (scope) => {
    await setNotificationSettings(scope, { phone, digestHour: 8, digestTimeZone: "UTC" });
    await setPreference(scope, { type: "asset_assigned", channel: "sms", enabled: true });
  });
}

const smsDeliveryOf = (db: Db, user: TestUser, status: string) =>
  withTenant(db, user.tenantId, (trx) =>
    trx
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("user_id", "=", user.id)
      .where("channel", "=", "sms")
      .where("status", "=", status)
      .executeTakeFirst(),
  );

let phones = 0;
const uniquePhone = () => `+4477009${String(10_000 + ++phones).slice(1)}`;

const inTenantOf =
  (user: TestUser): InTenant =>
  (work) =>
    asUser(harness.db, user, work);

describe("which account a text goes out with", () => {
  let a: NotificationWorld;
  let b: NotificationWorld;
  // numbers of their own, so a text of an earlier test never answers for this one
  let phoneA: string;
  let phoneB: string;
  beforeEach(async () => {
    [a, b] = [await createNotificationWorld(harness.db), await createNotificationWorld(harness.db)];
    [phoneA, phoneB] = [uniquePhone(), uniquePhone()];
    await withPhone(a.employee, phoneA);
    await withPhone(b.employee, phoneB);
  });

  it("sends tenant A's texts with A's own account and B's, without one, with the platform's", async () => {
    await save(a.admin, accountInput());
    await a.assign();
    await b.assign();
    harness.wake();
    const sentA = await waitFor("A's text", () => smsDeliveryOf(harness.db, a.employee, "sent"));
    const sentB = await waitFor("B's text", () => smsDeliveryOf(harness.db, b.employee, "sent"));

    const viaOwn = own.messages.find((m) => m.sid === sentA.provider_message_id);
    expect(viaOwn).toMatchObject({ to: phoneA, from: OWN_SENDER });
    expect(platform.messages.some((m) => m.to === phoneA)).toBe(false);
    const viaPlatform = platform.messages.find((m) => m.sid === sentB.provider_message_id);
    expect(viaPlatform).toMatchObject({ to: phoneB, from: platform.from });
    expect(own.messages.some((m) => m.to === phoneB)).toBe(false);
  });

  it("falls back to the platform's account while A's is turned off, and uses A's again once on", async () => {
    await save(a.admin, accountInput());
    await asUser(harness.db, a.admin, (scope) => setSmsEnabled(scope, false));
    await a.assign();
    harness.wake();
    const first = await waitFor("the text while off", () => smsDeliveryOf(harness.db, a.employee, "sent"));
    expect(platform.messages.some((m) => m.sid === first.provider_message_id)).toBe(true);
    await completedRunFor(harness, "notify-asset-assigned", a.employee.tenantId);

    await asUser(harness.db, a.admin, (scope) => setSmsEnabled(scope, true));
    const before = own.messages.length;
    await a.assign("MacBook Air");
    harness.wake();
    await waitFor("a text through A's account", async () => own.messages.length > before);
    expect(own.messages.at(-1)).toMatchObject({ to: phoneA, from: OWN_SENDER });
  });

  it("fails a text for good when A's token is wrong (20003), once, and lists it on the failed page", async () => {
    await save(a.admin, accountInput({ authToken: "0".repeat(32) }));
    const before = own.requests;
    await a.assign();
    harness.wake();
    const failed = await waitFor("the refused text", () => smsDeliveryOf(harness.db, a.employee, "failed"));
    expect(failed.provider_error).toMatch(/^Twilio 20003 \(HTTP 401\): Authenticate\. .*check both/);
    expect(failed.attempts).toBe(1);
    await completedRunFor(harness, "notify-asset-assigned", a.employee.tenantId);
    expect(own.requests - before).toBe(1);
    expect(platform.messages.some((m) => m.to === phoneA)).toBe(false);

    const page = await asUser(harness.db, a.admin, (scope) =>
      failedDeliveries(scope.db, scope.tenantId, { limit: 50 }),
    );
    expect(page).toEqual([
      expect.objectContaining({
        id: failed.id,
        channel: "sms",
        state: "failed",
        reason: expect.stringContaining("20003"),
      }),
    ]);
  });
});

describe("the saved account", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(harness.db);
  });

  it("keeps the auth token sealed: not in the row, the card or the audit trail", async () => {
    const settings = await save(w.admin, accountInput());
    expect(settings).toMatchObject({
      account: {
        accountSid: own.accountSid,
        tokenHint: `••••${own.authToken.slice(-4)}`,
        sender: OWN_SENDER,
      },
      sendsWith: "tenant",
    });
    expect(JSON.stringify(settings)).not.toContain(own.authToken);

    // as the owner, past row-level security: the stored row
    const row = await harness.db
      .selectFrom("sms_settings")
      .selectAll()
      .where("tenant_id", "=", w.admin.tenantId)
      .executeTakeFirstOrThrow();
    expect(row.auth_token_sealed).not.toContain(own.authToken);
    expect(row.auth_token_sealed.length).toBeGreaterThan(own.authToken.length);
    expect(row.auth_token_hint).toBe(`••••${own.authToken.slice(-4)}`);

    const events = await withTenant(harness.db, w.admin.tenantId, (trx) =>
      trx.selectFrom("events").select(["name", "data"]).where("name", "like", "notification.sms_%").execute(),
    );
    expect(events).toEqual([
      {
        name: "notification.sms_settings_saved",
        data: expect.objectContaining({ accountSid: own.accountSid, token: "set" }),
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(own.authToken);

    // another tenant sees no row, even asking for it by id
    const other = await createNotificationWorld(harness.db);
    const seen = await withTenant(harness.db, other.admin.tenantId, (trx) =>
      trx.selectFrom("sms_settings").selectAll().where("tenant_id", "=", w.admin.tenantId).execute(),
    );
    expect(seen).toEqual([]);
  });

  it("keeps the token when saved blank, replaces it when given, and records which", async () => {
    await save(w.admin, accountInput({ authToken: "1".repeat(32) }));
    const kept = await save(w.admin, accountInput({ authToken: undefined, sender: "+15005550007" }));
    expect(kept.account).toMatchObject({ tokenHint: "••••1111", sender: "+15005550007" });
    const replaced = await save(w.admin, accountInput());
    expect(replaced.account?.tokenHint).toBe(`••••${own.authToken.slice(-4)}`);
    // saving the same again records nothing
    await save(w.admin, accountInput({ authToken: undefined }));

    const events = await withTenant(harness.db, w.admin.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select("data")
        .where("name", "=", "notification.sms_settings_saved")
        .orderBy("seq")
        .execute(),
    );
    expect(events.map((e) => (e.data as { token: string }).token)).toEqual(["set", "kept", "replaced"]);
    expect(events[1]?.data).toMatchObject({
      changes: { sender: { before: OWN_SENDER, after: "+15005550007" } },
    });
  });

  it("says which field is wrong, and saves nothing it refused", async () => {
    const problems = (input: Record<string, unknown>) => {
      const parsed = SaveSmsSettingsInput.safeParse({ ...accountInput(), ...input });
      return parsed.success
        ? {}
        : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(problems({ accountSid: "SK123" }).accountSid).toMatch(/starts with AC/);
    expect(problems({ authToken: "short" }).authToken).toMatch(/auth token/);
    expect(problems({ sender: "555-1234" }).sender).toMatch(/country code.*messaging service SID/);
    expect(problems({ baseUrl: "ftp://twilio.example.test" }).baseUrl).toMatch(/API's address/);
    expect(problems({ sender: "+1 (500) 555-0006" })).toEqual({});

    await expect(save(w.admin, accountInput({ authToken: undefined }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { field: "authToken" },
    });
    await save(w.admin, accountInput({ baseUrl: undefined }));
    await expect(
      save(w.admin, accountInput({ accountSid: `AC${"b".repeat(32)}`, authToken: undefined })),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", details: { field: "authToken" } });
    await expect(save(w.admin, accountInput(), false)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      details: { field: "baseUrl" },
      message: expect.stringContaining("private address"),
    });
    // neither refusal changed what was saved
    expect(
      (await asUser(harness.db, w.admin, (scope) => smsSettingsOf(scope.db, scope.tenantId))).account,
    ).toMatchObject({ accountSid: own.accountSid, baseUrl: null });
  });

  it("is removed with its token; texts then fall back to the platform's account", async () => {
    await save(w.admin, accountInput());
    const after = await asUser(harness.db, w.admin, (scope) => removeSmsSettings(scope));
    expect(after.account).toBeNull();
    expect(after.sendsWith).not.toBe("tenant");
    const rows = await harness.db
      .selectFrom("sms_settings")
      .select("tenant_id")
      .where("tenant_id", "=", w.admin.tenantId)
      .execute();
    expect(rows).toEqual([]);
    await expect(asUser(harness.db, w.admin, (scope) => removeSmsSettings(scope))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is for admins only", async () => {
    const caller = createCaller({ user: w.staff, requestId: "test", ip: "127.0.0.1" });
    await expect(caller.notifications.sms.settings()).rejects.toBeInstanceOf(TRPCError);
    await expect(caller.notifications.sms.settings()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("Send test message", () => {
  let w: NotificationWorld;
  beforeEach(async () => {
    w = await createNotificationWorld(harness.db);
  });

  it("texts the number with the saved account and says Twilio took it", async () => {
    await save(w.admin, accountInput());
    const answer = await sendSmsTest(inTenantOf(w.admin), tenantSms, "+447700900999");
    const message = own.messages.at(-1);
    expect(message).toMatchObject({ to: "+447700900999", from: OWN_SENDER, body: SMS_TEST_BODY });
    expect(answer).toEqual({
      ok: true,
      detail: `Twilio accepted the test message to +447700900999 (${message?.sid}).`,
    });
  });

  it("reports bad credentials (20003) and an invalid number (21211) with what to do", async () => {
    await save(w.admin, accountInput({ authToken: "0".repeat(32) }));
    const refused = await sendSmsTest(inTenantOf(w.admin), tenantSms, "+447700900999");
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(/Twilio 20003 .*account SID and auth token/),
    });

    await save(w.admin, accountInput());
    const invalid = await sendSmsTest(inTenantOf(w.admin), tenantSms, INVALID_NUMBER);
    expect(invalid).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Twilio 21211 \(HTTP 400\): .*not a valid phone number\. A number needs its country code/,
      ),
    });
  });

  it("tests a turned-off account too, and asks for an account when there is none", async () => {
    await expect(sendSmsTest(inTenantOf(w.admin), tenantSms, "+447700900999")).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await save(w.admin, accountInput({ enabled: false }));
    const before = own.messages.length;
    expect(await sendSmsTest(inTenantOf(w.admin), tenantSms, "+447700900999")).toMatchObject({ ok: true });
    expect(own.messages.length).toBe(before + 1);
  });
});
