import { createECDH, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { changeUserRole } from "@/server/accounts/services/change-user-role";
import { type Db, withTenant } from "@/server/db";
import type { NotificationMessage } from "@/server/notifications/message";
import { isEnabled, resolvedChannels } from "@/server/notifications/preferences";
import { notify } from "@/server/notifications/services/notify";
import { setNotificationSettings } from "@/server/notifications/services/set-notification-settings";
import { setPreference } from "@/server/notifications/services/set-preference";
import { setRoleDefault } from "@/server/notifications/services/set-role-default";
import { subscribePush } from "@/server/notifications/services/subscribe-push";
import { type NotificationChannel, notificationChannels } from "@/server/notifications/types";
import type { TenantRole } from "@/server/roles";
import { setQuietHours, testCause } from "@/tests/factories/notifications";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { useTestDatabase } from "@/tests/support/database";

/**
 * The preference matrix through the real notify service: each channel on or off reaches the user
 * or not, and quiet hours hold every channel but the bell until they end, except for urgent types.
 * Noon UTC on a fixed day, quiet hours 08:00-18:00 UTC: a held delivery is due at 18:00.
 */
const NOW = new Date("2026-06-01T12:00:00Z");
const QUIET_END = "2026-06-01T18:00:00.000Z";

const routine: NotificationMessage<"asset_assigned"> = {
  type: "asset_assigned",
  title: "LAP-1 ThinkPad X1 is assigned to you",
  body: "ThinkPad X1 (LAP-1) is now yours to look after.",
  link: "/portal",
  email: { assetTag: "LAP-1", assetName: "ThinkPad X1", expectedReturnAt: null },
};
const urgent: NotificationMessage<"integration_sync_failed"> = {
  type: "integration_sync_failed",
  title: "The People HR sync failed",
  body: "HTTP 401: the API key was rejected",
  link: "/settings/integrations",
  email: { integrationName: "People HR", error: "HTTP 401: the API key was rejected" },
};

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

/** A base64url P-256 public key and auth secret, as a browser's PushSubscription gives them. */
const browserKeys = () => ({
  p256dh: createECDH("prime256v1").generateKeys().toString("base64url"),
  auth: randomBytes(16).toString("base64url"),
});

/**
 * A user with a phone number and a subscribed browser, who gets `type` on `on` only (every other
 * channel turned off), with quiet hours or not.
 */
async function userWith(type: NotificationMessage["type"], on: NotificationChannel | null, quiet: boolean) {
  const { tenant } = await createTestTenant(db);
  const user = await createTestUser(db, tenant, "admin");
  await asUser(db, user, async (scope) => {
    await setNotificationSettings(scope, { phone: "+14155550123", digestHour: 8, digestTimeZone: "UTC" });
    await subscribePush(scope, {
      endpoint: `https://push.example.test/${randomBytes(8).toString("hex")}`,
      keys: browserKeys(),
      label: "Firefox on Linux",
    });
    for (const channel of notificationChannels) {
      await setPreference(scope, { type, channel, enabled: channel === on });
    }
  });
  if (quiet) await setQuietHours(db, user, { startsAt: "08:00", endsAt: "18:00", timeZone: "UTC" });
  return user;
}

/** What notify() left for each channel: its status and when a held one is due. */
async function deliveriesAfterNotify(user: TestUser, message: NotificationMessage) {
  await asSystem(db, user.tenantId, (scope) => notify(scope, user.id, message, NOW), { cause: testCause() });
  const rows = await asSystem(db, user.tenantId, (scope) =>
    scope.db
      .selectFrom("notification_deliveries")
      .select(["channel", "status", "next_attempt_at"])
      .where("user_id", "=", user.id)
      .execute(),
  );
  return rows.map((row) => ({
    channel: row.channel,
    status: row.status,
    due: row.next_attempt_at?.toISOString() ?? null,
  }));
}

const heldOrNot = (channel: NotificationChannel, quiet: boolean) => {
  if (channel === "in_app") return { status: "sent", due: null };
  // the digest waits for the digest hour (08:00 UTC the next day), quiet hours or not
  if (channel === "digest") return { status: "deferred", due: "2026-06-02T08:00:00.000Z" };
  return quiet ? { status: "deferred", due: QUIET_END } : { status: "queued", due: null };
};

describe("the preference matrix", () => {
  const cases = notificationChannels.flatMap((channel) =>
    [true, false].flatMap((enabled) => [false, true].map((quiet) => ({ channel, enabled, quiet }))),
  );

  it.each(cases)(
    "$channel enabled=$enabled in quiet hours=$quiet (routine)",
    async ({ channel, enabled, quiet }) => {
      const user = await userWith("asset_assigned", enabled ? channel : null, quiet);
      const deliveries = await deliveriesAfterNotify(user, routine);
      expect(deliveries).toEqual(enabled ? [{ channel, ...heldOrNot(channel, quiet) }] : []);
    },
  );

  it.each(notificationChannels.filter((channel) => channel !== "digest"))(
    "urgent on %s goes through quiet hours",
    async (channel) => {
      const user = await userWith("integration_sync_failed", channel, true);
      const deliveries = await deliveriesAfterNotify(user, urgent);
      expect(deliveries).toEqual([{ channel, ...heldOrNot(channel, false) }]);
    },
  );

  it("an urgent type read in the digest is mailed at once all the same", async () => {
    const user = await userWith("integration_sync_failed", null, true);
    await asUser(db, user, async (scope) => {
      await setPreference(scope, { type: "integration_sync_failed", channel: "digest", enabled: true });
      await setPreference(scope, { type: "integration_sync_failed", channel: "email", enabled: true });
    });
    const deliveries = await deliveriesAfterNotify(user, urgent);
    expect(deliveries).toEqual([{ channel: "email", status: "queued", due: null }]);
  });
});

describe("a role change", () => {
  it("brings the new role's defaults and keeps the person's own choices", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const person = await createTestUser(db, tenant, "employee");
    await asUser(db, admin as TestUser, (scope) =>
      setRoleDefault(scope, {
        role: "it_staff",
        type: "workflow_assigned",
        channel: "email",
        enabled: false,
      }),
    );
    await asUser(db, person, (scope) =>
      setPreference(scope, { type: "asset_assigned", channel: "email", enabled: false }),
    );
    const channels = async () =>
      withTenant(db, tenant.id, async (trx) => {
        const { role } = await trx
          .selectFrom("users")
          .select("role")
          .where("id", "=", person.id)
          .executeTakeFirstOrThrow();
        const resolved = await resolvedChannels(trx, tenant.id, { id: person.id, role: role as TenantRole });
        return {
          workflowEmail: isEnabled(resolved, "workflow_assigned", "email"),
          assignedEmail: isEnabled(resolved, "asset_assigned", "email"),
        };
      });
    expect(await channels()).toEqual({ workflowEmail: true, assignedEmail: false });

    await asUser(db, admin as TestUser, (scope) =>
      changeUserRole(scope, { userId: person.id, role: "it_staff" }),
    );
    // IT staff's default (no workflow email) now applies; the email they turned off stays off.
    expect(await channels()).toEqual({ workflowEmail: false, assignedEmail: false });
  });
});
