import { open, seal } from "../../employees/encryption";
import { withKeyring } from "../../employees/process-keyring";
import type { ChatTarget } from "../channels/chat";

/**
 * A chat destination's secret at rest: a webhook URL (whoever holds it can post to the channel)
 * or a bot token, sealed like integration credentials (AES-256-GCM under the data keyring, key id in
 * the envelope) and bound to the tenant and the destination, so a sealed value copied to another
 * row does not open. The page shows only the hint; the value reaches the chat transport alone.
 */
export type ChatKind = ChatTarget["kind"];

const contextOf = (tenantId: string, destinationId: string) =>
  `chat-destination:${tenantId}:${destinationId}`;

export const sealChatSecret = (tenantId: string, destinationId: string, secret: string) =>
  withKeyring((keyring) => seal(keyring, contextOf(tenantId, destinationId), secret));

export const openChatSecret = (tenantId: string, destinationId: string, sealed: string) =>
  withKeyring((keyring) => open(keyring, contextOf(tenantId, destinationId), sealed));

/**
 * Enough to tell destinations apart, not enough to post: a webhook by its host and the last four
 * characters of its path ("hooks.slack.com/…/x9Qz"), a token by its prefix and last four.
 */
export function chatSecretHint(kind: ChatKind, secret: string): string {
  if (kind === "slack_bot") return `${secret.slice(0, 5)}…${secret.slice(-4)}`;
  const url = new URL(secret);
  return `${url.host}/…${url.pathname.slice(-4)}`;
}

/** The target a sealed destination posts to. */
export function chatTargetOf(
  tenantId: string,
  row: { id: string; kind: string; secret_sealed: string; slack_channel: string | null },
): ChatTarget {
  const secret = openChatSecret(tenantId, row.id, row.secret_sealed);
  if (row.kind === "slack_bot") return { kind: "slack_bot", token: secret, channel: row.slack_channel ?? "" };
  if (row.kind === "teams_webhook") return { kind: "teams_webhook", url: secret };
  return { kind: "slack_webhook", url: secret };
}
