import type { TenantScope } from "../../../context";
import type { NotificationMessage } from "../../message";

/** A chat delivery's data: the message as worded, and the names of the people it was for. */
export type ChatDeliveryData = NotificationMessage & { recipients: string[] };

/**
 * Queues the notification for every enabled destination its type is routed to: one delivery per
 * event and destination (unique), however many people the event notifies. notify() calls this
 * once per recipient; the first call queues, later ones add their recipient's name while it is
 * still unsent, so the channel reads whom it was for. Returns the deliveries still to send.
 */
export async function queueChatDeliveries(
  scope: TenantScope,
  eventId: string,
  recipientName: string,
  message: NotificationMessage,
): Promise<string[]> {
  const destinations = await scope.db
    .selectFrom("chat_routes as r")
    .innerJoin("chat_destinations as c", "c.id", "r.destination_id")
    .select(["c.id", "c.name"])
    .where("r.tenant_id", "=", scope.tenantId)
    .where("r.type", "=", message.type)
    .where("c.enabled", "=", true)
    .orderBy("c.name")
    .execute();
  const pending: string[] = [];
  for (const destination of destinations) {
    const data: ChatDeliveryData = { ...message, recipients: [recipientName] };
    const inserted = await scope.db
      .insertInto("notification_deliveries")
      .values({
        tenant_id: scope.tenantId,
        event_id: eventId,
        user_id: null,
        destination_id: destination.id,
        type: message.type,
        channel: "chat",
        address: destination.name,
        status: "queued",
        data: JSON.stringify(data),
      })
      .onConflict((oc) => oc.constraint("notification_deliveries_chat_once").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) {
      pending.push(inserted.id);
      continue;
    }
    const existing = await scope.db
      .selectFrom("notification_deliveries")
      .select(["id", "status", "data"])
      .where("tenant_id", "=", scope.tenantId)
      .where("event_id", "=", eventId)
      .where("destination_id", "=", destination.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (existing.status !== "queued") continue;
    const stored = existing.data as ChatDeliveryData;
    if (!stored.recipients.includes(recipientName)) {
      await scope.db
        .updateTable("notification_deliveries")
        .set({ data: JSON.stringify({ ...stored, recipients: [...stored.recipients, recipientName] }) })
        .where("id", "=", existing.id)
        .execute();
    }
    pending.push(existing.id);
  }
  return pending;
}
