import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { InTenant } from "@/server/context";
import { withTenant } from "@/server/db";
import { guardedFetch } from "@/server/integrations/guarded-fetch";
import { httpChatTransport } from "@/server/notifications/channels/chat";
import { chatSettingsOf } from "@/server/notifications/chat/queries";
import {
  type CreateChatDestinationInput,
  UpdateChatDestinationInput,
} from "@/server/notifications/chat/schemas";
import { addChatDestination } from "@/server/notifications/chat/services/add-chat-destination";
import { sendChatTest } from "@/server/notifications/chat/services/send-chat-test";
import { setChatRoute } from "@/server/notifications/chat/services/set-chat-route";
import { updateChatDestination } from "@/server/notifications/chat/services/update-chat-destination";
import { asUser, createTestTenant, type TestUser } from "@/tests/factories/tenants";
import { type FakeSlack, startFakeSlack } from "@/tests/fakes/slack/fake-slack";
import { useTestDatabase } from "@/tests/support/database";

/**
 * Editing a chat destination: a new name or channel, and the webhook URL or bot token replaced or
 * kept. What the admin sees (the hint), where a test message goes (the local Slack fake) and what
 * the audit trail says (never the secret) follow the edit; routes stay.
 */

let handle: DatabaseHandle;
let slack: FakeSlack;
let admin: TestUser;
const chat = () =>
  httpChatTransport({ slackApiBaseUrl: slack.apiBaseUrl, fetch: guardedFetch({ allowPrivateHosts: true }) });

beforeAll(async () => {
  [handle, slack] = await Promise.all([useTestDatabase(), startFakeSlack()]);
});
afterAll(async () => {
  await Promise.all([handle.close(), slack.close()]);
});
beforeEach(async () => {
  ({ admin } = await createTestTenant(handle.db));
});

const asAdmin: InTenant = (work) => asUser(handle.db, admin, work);
const add = (input: CreateChatDestinationInput) =>
  asAdmin((scope) => addChatDestination(scope, { allowPrivateHosts: true }, input)).then((r) => r.id);
const update = (input: Record<string, unknown>, allowPrivateHosts = true) =>
  asAdmin((scope) =>
    updateChatDestination(scope, { allowPrivateHosts }, UpdateChatDestinationInput.parse(input)),
  );
const destinationOf = async (id: string) =>
  (await asAdmin((scope) => chatSettingsOf(scope.db, scope.tenantId))).destinations.find((d) => d.id === id);
const eventsOf = (id: string) =>
  withTenant(handle.db, admin.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data"])
      .where("entity_id", "=", id)
      .where("name", "=", "notification.chat_destination_updated")
      .orderBy("seq")
      .execute(),
  );

describe("editing a chat destination", () => {
  it("renames it and keeps its webhook, its hint and its routes", async () => {
    const hook = slack.createWebhook("C0KEEP0001");
    const id = await add({ kind: "slack_webhook", name: "#it", webhookUrl: hook });
    await asAdmin((scope) =>
      setChatRoute(scope, { destinationId: id, type: "asset_assigned", routed: true }),
    );
    const hint = (await destinationOf(id))?.hint;

    const settings = await update({ destinationId: id, kind: "slack_webhook", name: "#it-alerts" });
    expect(settings.destinations).toEqual([expect.objectContaining({ id, name: "#it-alerts", hint })]);
    expect(settings.routes).toEqual([{ destinationId: id, type: "asset_assigned" }]);

    expect(await sendChatTest(asAdmin, chat(), id)).toMatchObject({ ok: true });
    expect(slack.messages.at(-1)?.channel).toBe("C0KEEP0001");
    expect(await eventsOf(id)).toEqual([
      {
        name: "notification.chat_destination_updated",
        data: {
          name: "#it-alerts",
          changes: { name: { before: "#it", after: "#it-alerts" } },
          secret: "kept",
        },
      },
    ]);
  });

  it("replaces the webhook URL: the hint and the test message follow, the audit trail names neither URL", async () => {
    const before = slack.createWebhook("C0OLD00001");
    const after = slack.createWebhook("C0NEW00001");
    const id = await add({ kind: "slack_webhook", name: "#moved", webhookUrl: before });

    const settings = await update({
      destinationId: id,
      kind: "slack_webhook",
      name: "#moved",
      webhookUrl: after,
    });
    expect(settings.destinations[0]?.hint).toBe(`${new URL(after).host}/…${after.slice(-4)}`);
    expect(await sendChatTest(asAdmin, chat(), id)).toMatchObject({ ok: true });
    expect(slack.messages.at(-1)?.channel).toBe("C0NEW00001");

    const events = await eventsOf(id);
    expect(events.map((e) => e.data)).toEqual([{ name: "#moved", changes: {}, secret: "replaced" }]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(new URL(before).pathname);
    expect(text).not.toContain(new URL(after).pathname);
    const row = await handle.db
      .selectFrom("chat_destinations")
      .select("secret_sealed")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(new URL(after).pathname);
  });

  it("moves a bot to another channel and keeps its token", async () => {
    slack.addChannel("C0FIRST001");
    slack.addChannel("C0SECOND01");
    const id = await add({
      kind: "slack_bot",
      name: "IT bot",
      botToken: slack.botToken,
      channelId: "C0FIRST001",
    });

    const settings = await update({
      destinationId: id,
      kind: "slack_bot",
      name: "IT bot",
      channelId: "C0SECOND01",
    });
    expect(settings.destinations[0]).toMatchObject({
      channelId: "C0SECOND01",
      hint: `xoxb-…${slack.botToken.slice(-4)}`,
    });
    expect(await sendChatTest(asAdmin, chat(), id)).toMatchObject({ ok: true });
    expect(slack.messages.at(-1)).toMatchObject({ via: "api", channel: "C0SECOND01" });
    expect((await eventsOf(id))[0]?.data).toMatchObject({
      changes: { channelId: { before: "C0FIRST001", after: "C0SECOND01" } },
      secret: "kept",
    });
  });

  it("records nothing when nothing changed", async () => {
    const id = await add({
      kind: "teams_webhook",
      name: "IT team",
      webhookUrl: "https://prod.example.test/workflows/x",
    });
    await update({ destinationId: id, kind: "teams_webhook", name: "IT team" });
    expect(await eventsOf(id)).toEqual([]);
  });

  it("refuses a taken name, another kind and a private webhook host, and says which", async () => {
    const id = await add({ kind: "slack_webhook", name: "#one", webhookUrl: slack.createWebhook() });
    await add({ kind: "slack_webhook", name: "#two", webhookUrl: slack.createWebhook() });

    await expect(update({ destinationId: id, kind: "slack_webhook", name: "#two" })).rejects.toMatchObject({
      code: "CONFLICT",
      details: { field: "name" },
      message: expect.stringContaining("#two already exists"),
    });
    await expect(update({ destinationId: id, kind: "teams_webhook", name: "#one" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("keeps its kind"),
    });
    await expect(
      update(
        { destinationId: id, kind: "slack_webhook", name: "#one", webhookUrl: slack.createWebhook() },
        false,
      ),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", details: { field: "webhookUrl" } });
    expect(
      UpdateChatDestinationInput.safeParse({
        destinationId: id,
        kind: "slack_webhook",
        name: "#one",
        webhookUrl: "https://hooks.example.test/not-a-webhook",
      }).error?.issues[0]?.message,
    ).toMatch(/path starting \/services\//);
    expect((await destinationOf(id))?.name).toBe("#one");
  });
});
