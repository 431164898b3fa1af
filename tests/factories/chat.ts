import type { Caller } from "./isolation";

/**
 * A Slack webhook destination named `name`, with asset_assigned routed to it, added through the
 * router as the tenant's admin: for isolation and fuzz tests. Its URL is on a .test host, so a
 * test message sent to it is refused by the SSRF guard or DNS, never posted anywhere.
 */
export async function seedChatDestination(caller: Caller, name: string) {
  const webhookUrl = `https://hooks.example.test/services/T0SEED/B0SEED/${name.replace(/\W/g, "")}`;
  const { id } = await caller.notifications.chat.add({ kind: "slack_webhook", name, webhookUrl });
  await caller.notifications.chat.setRoute({ destinationId: id, type: "asset_assigned", routed: true });
  return { id, name, webhookUrl };
}
