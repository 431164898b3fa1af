import type { InTenant } from "../../../context";
import { env } from "../../../env";
import type { ChatTransport } from "../../channels/chat";
import { type ChatPost, forWhom } from "../../channels/chat-message";
import type { SendOutcome } from "../../mailer";
import { recordSendOutcome } from "../../services/send-email";
import { notificationTypeInfo } from "../../types";
import { chatTargetOf } from "../secrets";
import type { ChatDeliveryData } from "./queue-chat-deliveries";

/** The message as a channel reads it: title linking to the app, short body, what it is and whom it was for. */
export function chatPostOf(data: ChatDeliveryData, appUrl: string): ChatPost {
  const label = notificationTypeInfo[data.type]?.label ?? data.type;
  const who = forWhom(data.recipients ?? []);
  return {
    title: data.title,
    body: data.body,
    link: new URL(data.link, appUrl).href,
    context: who ? `${label} · ${who}` : label,
  };
}

/**
 * Sends one queued chat delivery to its destination and records the answer (the same
 * recordSendOutcome as email and texts), the provider called between two short transactions. A
 * destination deleted or turned off since the delivery was queued fails it for good, saying so.
 */
export async function sendChatDelivery(
  inTenant: InTenant,
  transport: ChatTransport,
  deliveryId: string,
): Promise<{ result: "done" | SendOutcome["kind"]; outcome: SendOutcome | null }> {
  const prepared = await inTenant(async (scope) => {
    const delivery = await scope.db
      .selectFrom("notification_deliveries as d")
      .leftJoin("chat_destinations as c", "c.id", "d.destination_id")
      .select([
        "d.status",
        "d.data",
        "d.address",
        "c.id as destinationId",
        "c.kind",
        "c.secret_sealed",
        "c.slack_channel",
        "c.enabled",
      ])
      .where("d.tenant_id", "=", scope.tenantId)
      .where("d.id", "=", deliveryId)
      .where("d.channel", "=", "chat")
      .forUpdate("d")
      .executeTakeFirst();
    if (!delivery || (delivery.status !== "queued" && delivery.status !== "deferred")) return null;
    const { destinationId, kind, secret_sealed, slack_channel } = delivery;
    if (!destinationId || !kind || !secret_sealed) {
      const error = `The chat destination ${delivery.address ?? ""} was deleted before this was sent`;
      await recordSendOutcome(scope, deliveryId, { kind: "permanent", error, bounced: false });
      return null;
    }
    if (!delivery.enabled) {
      const error = `The chat destination ${delivery.address ?? ""} was turned off before this was sent`;
      await recordSendOutcome(scope, deliveryId, { kind: "permanent", error, bounced: false });
      return null;
    }
    return {
      target: chatTargetOf(scope.tenantId, { id: destinationId, kind, secret_sealed, slack_channel }),
      post: chatPostOf(delivery.data as ChatDeliveryData, env.APP_URL),
    };
  });
  if (!prepared) return { result: "done", outcome: null };
  const outcome = await transport.send(prepared.target, prepared.post);
  await inTenant((scope) => recordSendOutcome(scope, deliveryId, outcome));
  return { result: outcome.kind, outcome };
}
