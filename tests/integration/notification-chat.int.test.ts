import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { retryNotificationDeliveryFunction } from "@/inngest/functions/notifications/retry-notification-delivery";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { guardedFetch } from "@/server/integrations/guarded-fetch";
import { httpChatTransport } from "@/server/notifications/channels/chat";
import type { CreateChatDestinationInput } from "@/server/notifications/chat/schemas";
import { addChatDestination } from "@/server/notifications/chat/services/add-chat-destination";
import { removeChatDestination } from "@/server/notifications/chat/services/remove-chat-destination";
import { sendChatTest } from "@/server/notifications/chat/services/send-chat-test";
import { setChatDestinationEnabled } from "@/server/notifications/chat/services/set-chat-destination-enabled";
import { setChatRoute } from "@/server/notifications/chat/services/set-chat-route";
import { failedDeliveries } from "@/server/notifications/delivery-log";
import { notify } from "@/server/notifications/services/notify";
import { retryDelivery } from "@/server/notifications/services/retry-delivery";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import type { NotificationType } from "@/server/notifications/types";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "@/tests/factories/assets";
import { testCause } from "@/tests/factories/notifications";
import { linkedEmployeeOf } from "@/tests/factories/portal";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { type FakeSlack, startFakeSlack } from "@/tests/fakes/slack/fake-slack";
import { type FakeTeams, startFakeTeams } from "@/tests/fakes/teams/fake-teams";
import { type EngineHarness, startEngineHarness } from "@/tests/support/engine-harness";
import { waitFor } from "@/tests/support/wait-for";

/**
 * Team chat end to end through the engine: the routing table picks destinations, one delivery per
 * destination goes through the same send step as email (retries, the delivery log,
 * recordSendOutcome), and each provider's answers are read as it means them, against the local
 * Slack and Teams fakes.
 */

let slack: FakeSlack;
let teams: FakeTeams;
let harness: EngineHarness;
const chat = () =>
  httpChatTransport({ slackApiBaseUrl: slack.apiBaseUrl, fetch: guardedFetch({ allowPrivateHosts: true }) });
const transports: Transports = {
  ...deploymentTransports,
  mail: () => ({ kind: "preview", from: "it@example.test" }),
  chat,
};

beforeAll(async () => {
  [slack, teams] = await Promise.all([startFakeSlack(), startFakeTeams()]);
  slack.addChannel("C0ALERTS01");
  slack.addChannel("C0QUIET001", { member: false });
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
  await Promise.all([slack.close(), teams.close()]);
});

type World = { admin: TestUser; employee: TestUser; assign: () => Promise<string> };

async function world(db: Db): Promise<World> {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const employee = await createTestUser(db, tenant, "employee", { name: "Erin Employee" });
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  const employeeId = await linkedEmployeeOf(db, employee);
  return {
    admin,
    employee,
    assign: async () => {
      const asset = await createTestAsset(db, staff, categoryId, { name: "ThinkPad X1" });
      await asUser(db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
      return asset.id;
    },
  };
}

async function destination(
  admin: TestUser,
  input: CreateChatDestinationInput,
  routes: NotificationType[] = ["asset_assigned"],
) {
  return asUser(harness.db, admin, async (scope) => {
    const { id } = await addChatDestination(scope, { allowPrivateHosts: true }, input);
    for (const type of routes) {
      await setChatRoute(scope, { destinationId: id, type: type as "asset_assigned", routed: true });
    }
    return id;
  });
}

const chatDeliveries = (tenantId: string) =>
  withTenant(harness.db, tenantId, (trx) =>
    trx.selectFrom("notification_deliveries").selectAll().where("channel", "=", "chat").execute(),
  );

const chatDeliveryOf = (tenantId: string, destinationId: string, status: string) =>
  waitFor(
    `the chat delivery to be ${status}`,
    async () =>
      (await chatDeliveries(tenantId)).find((d) => d.destination_id === destinationId && d.status === status),
    20_000,
  );

const runCompleted = (tenantId: string) =>
  waitFor("notify-asset-assigned to complete", async () => {
    const runs = await harness.runsFor("notify-asset-assigned");
    return runs.some((r) => r.status === "completed" && JSON.stringify(r.trigger_event).includes(tenantId));
  });

describe("routing", () => {
  let w: World;
  beforeEach(async () => {
    w = await world(harness.db);
  });

  it("posts a routed type once to each enabled destination it is routed to, and nowhere else", async () => {
    const slackHook = slack.createWebhook("C0IT000001");
    const otherHook = slack.createWebhook("C0OTHER001");
    const slackId = await destination(w.admin, { kind: "slack_webhook", name: "#it", webhookUrl: slackHook });
    const teamsId = await destination(w.admin, {
      kind: "teams_webhook",
      name: "IT team",
      webhookUrl: teams.createFlow(),
    });
    const otherId = await destination(
      w.admin,
      { kind: "slack_webhook", name: "#declines", webhookUrl: otherHook },
      ["receipt_declined"],
    );
    const offId = await destination(w.admin, {
      kind: "teams_webhook",
      name: "Off",
      webhookUrl: teams.createFlow(),
    });
    await asUser(harness.db, w.admin, (scope) =>
      setChatDestinationEnabled(scope, { destinationId: offId, enabled: false }),
    );
    const cardsBefore = teams.cards.length;

    await w.assign();
    harness.wake();
    const posted = await chatDeliveryOf(w.admin.tenantId, slackId, "sent");
    await chatDeliveryOf(w.admin.tenantId, teamsId, "sent");
    await runCompleted(w.admin.tenantId);

    const deliveries = await chatDeliveries(w.admin.tenantId);
    expect(deliveries.map((d) => d.destination_id).sort()).toEqual([slackId, teamsId].sort());
    expect(deliveries.every((d) => d.user_id === null && d.attempts === 1)).toBe(true);
    expect(deliveries.some((d) => d.destination_id === otherId || d.destination_id === offId)).toBe(false);
    expect(posted.address).toBe("#it");

    const message = slack.messages.find((m) => m.channel === "C0IT000001");
    expect(message?.text).toMatch(/^\S+ ThinkPad X1 is assigned to you: ThinkPad X1/);
    expect(JSON.stringify(message?.blocks)).toContain("<http://localhost:3000/portal|");
    expect(JSON.stringify(message?.blocks)).toContain("Equipment assigned to you · for Erin Employee");
    expect(slack.messages.some((m) => m.channel === "C0OTHER001")).toBe(false);

    expect(teams.cards.length - cardsBefore).toBe(1);
    const card = teams.cards.at(-1)?.content as { body: { text: string }[]; actions: { url: string }[] };
    expect(card.body[0]?.text).toMatch(/ThinkPad X1 is assigned to you$/);
    expect(card.actions[0]?.url).toBe("http://localhost:3000/portal");
  });

  it("queues one chat delivery per event and destination, however many people it notifies", async () => {
    const second = await createTestUser(
      harness.db,
      { id: w.admin.tenantId, name: w.admin.tenantName },
      "admin",
      {
        name: "Bo Admin",
      },
    );
    const id = await destination(
      w.admin,
      { kind: "slack_webhook", name: "#security", webhookUrl: slack.createWebhook() },
      ["password_reset_requested"],
    );
    const message = {
      type: "password_reset_requested" as const,
      title: "sam@example.test asks for a password reset",
      body: "They cannot sign in until an admin creates a reset link.",
      link: "/settings/users",
      email: { requesterEmail: "sam@example.test" },
    };
    const results = await asSystem(
      harness.db,
      w.admin.tenantId,
      async (scope) => [await notify(scope, w.admin.id, message), await notify(scope, second.id, message)],
      { cause: testCause() },
    );
    const chatIds = results.flatMap((r) =>
      r.deliveries.filter((d) => d.channel === "chat").map((d) => d.deliveryId),
    );
    expect(new Set(chatIds).size).toBe(1);
    const [row] = await chatDeliveries(w.admin.tenantId);
    expect(row).toMatchObject({ destination_id: id, status: "queued", type: "password_reset_requested" });
    expect((row?.data as { recipients?: string[] } | undefined)?.recipients).toEqual([
      "Ada Admin",
      "Bo Admin",
    ]);
  });
});

describe("Slack bot token (chat.postMessage)", () => {
  let w: World;
  beforeEach(async () => {
    w = await world(harness.db);
  });

  it("fails for good on HTTP 200 with ok:false channel_not_found, without retrying; the failed page shows it", async () => {
    const id = await destination(w.admin, {
      kind: "slack_bot",
      name: "#gone",
      botToken: slack.botToken,
      channelId: "C0MISSING1",
    });
    const before = slack.requests.length;
    await w.assign();
    harness.wake();
    const failed = await chatDeliveryOf(w.admin.tenantId, id, "failed");
    await runCompleted(w.admin.tenantId);
    expect(slack.requests.length - before).toBe(1);
    expect(slack.requests.at(-1)?.headers.authorization).toBe(`Bearer ${slack.botToken}`);
    expect(failed).toMatchObject({ attempts: 1 });
    expect(failed.provider_error).toContain("Slack channel_not_found (HTTP 200)");

    const page = await asUser(harness.db, w.admin, (scope) =>
      failedDeliveries(scope.db, scope.tenantId, { limit: 50 }),
    );
    expect(page).toEqual([
      expect.objectContaining({
        id: failed.id,
        channel: "chat",
        state: "failed",
        recipient: "Team chat: #gone",
      }),
    ]);

    // the channel is created in Slack; an admin retries from the page and it is posted
    slack.addChannel("C0MISSING1");
    await asUser(harness.db, w.admin, (scope) => retryDelivery(scope, failed.id));
    harness.wake();
    const sent = await chatDeliveryOf(w.admin.tenantId, id, "sent");
    expect(sent).toMatchObject({ id: failed.id, attempts: 2, provider_error: null });
    expect(slack.messages.at(-1)?.channel).toBe("C0MISSING1");
  });

  it("retries ratelimited (429 with Retry-After) and posts the message once", async () => {
    const id = await destination(w.admin, {
      kind: "slack_bot",
      name: "#alerts",
      botToken: slack.botToken,
      channelId: "C0ALERTS01",
    });
    slack.failNext({ status: 429, retryAfter: 1 });
    const before = slack.messages.length;
    await w.assign();
    harness.wake();
    const sent = await chatDeliveryOf(w.admin.tenantId, id, "sent");
    expect(sent.attempts).toBe(2);
    expect(sent.provider_message_id).toMatch(/^C0ALERTS01\/\d+\.\d+$/);
    expect(slack.messages.length - before).toBe(1);
  });
});

describe("Teams Workflows webhook", () => {
  it("retries a 429 after Retry-After, then posts the card", async () => {
    const w = await world(harness.db);
    const id = await destination(w.admin, {
      kind: "teams_webhook",
      name: "IT",
      webhookUrl: teams.createFlow(),
    });
    teams.failNext(429, 1);
    const before = teams.cards.length;
    await w.assign();
    harness.wake();
    const sent = await chatDeliveryOf(w.admin.tenantId, id, "sent");
    expect(sent).toMatchObject({ attempts: 2, provider_message_id: "teams-202" });
    expect(teams.cards.length - before).toBe(1);
  });
});

describe("destinations", () => {
  let w: World;
  beforeEach(async () => {
    w = await world(harness.db);
  });

  it("seals webhook URLs and tokens: the raw rows hold neither, the settings only a hint", async () => {
    const hook = slack.createWebhook();
    await destination(w.admin, { kind: "slack_webhook", name: "#hook", webhookUrl: hook });
    await destination(w.admin, {
      kind: "slack_bot",
      name: "#bot",
      botToken: slack.botToken,
      channelId: "C0ALERTS01",
    });
    const rows = await withTenant(harness.db, w.admin.tenantId, (trx) =>
      trx.selectFrom("chat_destinations").selectAll().orderBy("name").execute(),
    );
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(new URL(hook).pathname);
    expect(raw).not.toContain(slack.botToken);
    expect(rows.map((row) => row.secret_hint)).toEqual([
      `xoxb-…${slack.botToken.slice(-4)}`,
      `${new URL(hook).host}/…${hook.slice(-4)}`,
    ]);
    const settings = await createCaller({
      user: w.admin,
      requestId: "t",
      ip: "127.0.0.1",
    }).notifications.chat.settings();
    expect(JSON.stringify(settings)).not.toContain(slack.botToken);
    expect(JSON.stringify(settings)).not.toContain(new URL(hook).pathname);
  });

  it("sends a test message and says what the provider answered", async () => {
    const hook = slack.createWebhook("C0TEST0001");
    const id = await destination(w.admin, { kind: "slack_webhook", name: "#test", webhookUrl: hook });
    const inTenant = <T>(work: Parameters<typeof asUser<T>>[2]) => asUser(harness.db, w.admin, work);
    expect(await sendChatTest(inTenant, chat(), id)).toEqual({
      ok: true,
      detail: "Slack accepted the test message.",
    });
    expect(slack.messages.at(-1)).toMatchObject({
      channel: "C0TEST0001",
      text: expect.stringContaining("Test message"),
    });

    slack.revokeWebhook(hook);
    expect(await sendChatTest(inTenant, chat(), id)).toEqual({
      ok: false,
      message:
        "Slack no_service (HTTP 404): This webhook was turned off or removed in Slack; create a new one.",
    });
  });

  it("refuses a private webhook host unless allowed, and retired Office 365 connector URLs", async () => {
    await expect(
      asUser(harness.db, w.admin, (scope) =>
        addChatDestination(
          scope,
          { allowPrivateHosts: false },
          {
            kind: "slack_webhook",
            name: "#inside",
            webhookUrl: slack.createWebhook(),
          },
        ),
      ),
    ).rejects.toThrow(/127\.0\.0\.1 is a private address; set INTEGRATIONS_ALLOW_PRIVATE_HOSTS=true/);
    const caller = createCaller({ user: w.admin, requestId: "t", ip: "127.0.0.1" });
    await expect(
      caller.notifications.chat.add({
        kind: "teams_webhook",
        name: "Old connector",
        webhookUrl: "https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi",
      }),
    ).rejects.toThrow(/Office 365 connector webhooks are retired/);
  });

  it("records each change in the audit trail, never the secret", async () => {
    const hook = slack.createWebhook();
    const id = await destination(w.admin, { kind: "slack_webhook", name: "#audited", webhookUrl: hook });
    await asUser(harness.db, w.admin, async (scope) => {
      await setChatRoute(scope, { destinationId: id, type: "asset_assigned", routed: true });
      await setChatRoute(scope, { destinationId: id, type: "asset_assigned", routed: false });
      await setChatDestinationEnabled(scope, { destinationId: id, enabled: false });
      await removeChatDestination(scope, id);
    });
    const events = await withTenant(harness.db, w.admin.tenantId, (trx) =>
      trx.selectFrom("events").select(["name", "data"]).where("entity_id", "=", id).orderBy("seq").execute(),
    );
    expect(events.map((event) => event.name)).toEqual([
      "notification.chat_destination_added",
      "notification.chat_route_changed",
      "notification.chat_route_changed",
      "notification.chat_destination_disabled",
      "notification.chat_destination_removed",
    ]);
    expect(JSON.stringify(events)).not.toContain(new URL(hook).pathname);
  });

  it("is for admins only", async () => {
    const tenant = { id: w.admin.tenantId, name: w.admin.tenantName };
    for (const role of ["it_staff", "auditor", "employee"] as const) {
      const caller = createCaller({
        user: await createTestUser(harness.db, tenant, role),
        requestId: "t",
        ip: "127.0.0.1",
      });
      const calls = [
        () => caller.notifications.chat.settings(),
        () =>
          caller.notifications.chat.add({
            kind: "slack_webhook",
            name: "x",
            webhookUrl: slack.createWebhook(),
          }),
        () => caller.notifications.chat.sendTest({ destinationId: w.admin.id }),
      ];
      for (const call of calls) {
        const error = await call().then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code).toBe("FORBIDDEN");
      }
    }
  });
});
