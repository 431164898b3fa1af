import type { InTenant } from "../../../context";
import { env } from "../../../env";
import type { ChatTransport } from "../../channels/chat";
import { findChatDestination } from "../queries";
import type { ChatTestResult } from "../schemas";
import { chatTargetOf } from "../secrets";

const providerOf = (kind: string) => (kind === "teams_webhook" ? "Teams" : "Slack");

/**
 * "Send test message": posts a short message to the destination, on or off, and says what the
 * provider answered. The destination is read in a short transaction and the provider called after
 * it, so a slow Slack never holds a database connection. A failure is an answer, not an error:
 * the admin reads the provider's reason (and what to do about it) on the card.
 */
export async function sendChatTest(
  inTenant: InTenant,
  transport: ChatTransport,
  destinationId: string,
): Promise<ChatTestResult> {
  const { target, destination } = await inTenant(async (scope) => {
    const row = await findChatDestination(scope.db, scope.tenantId, destinationId);
    return { target: chatTargetOf(scope.tenantId, row), destination: row };
  });
  const outcome = await transport.send(target, {
    title: "Test message from Assetronics",
    body: `Notifications routed to ${destination.name} will appear here.`,
    link: new URL("/settings/notifications", env.APP_URL).href,
    context: "Sent with “Send test message” in Settings → Notifications",
  });
  const provider = providerOf(destination.kind);
  if (outcome.kind === "sent") return { ok: true, detail: `${provider} accepted the test message.` };
  if (outcome.kind === "transient") {
    return {
      ok: false,
      message: `${provider} could not take it right now; try again in a minute. ${outcome.error}`,
    };
  }
  return { ok: false, message: outcome.error };
}
