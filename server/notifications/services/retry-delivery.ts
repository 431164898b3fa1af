import type { TenantScope, UserScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { type SentChannel, sentChannels } from "../types";

/**
 * An admin sends a failed (or bounced) delivery again from the failed-deliveries page: it goes
 * back to queued, keeping its last error until the new answer replaces it, and the retry function
 * (retry-notification-delivery, on `notification.delivery_retried`) sends it. A delivery already
 * sent, still queued or being retried is refused, so two admins clicking at once send it once.
 */
export async function retryDelivery(scope: UserScope, deliveryId: string) {
  const delivery = await scope.db
    .selectFrom("notification_deliveries")
    .select(["id", "status", "channel", "type", "user_id"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", deliveryId)
    .forUpdate()
    .executeTakeFirst();
  if (!delivery || !(sentChannels as readonly string[]).includes(delivery.channel)) {
    throw new AppError("NOT_FOUND", "This delivery no longer exists.");
  }
  if (delivery.status !== "failed" && delivery.status !== "bounced") {
    throw new AppError(
      "CONFLICT",
      delivery.status === "sent"
        ? "This delivery has been sent since."
        : "This delivery is already being sent again.",
    );
  }
  await scope.db
    .updateTable("notification_deliveries")
    .set({ status: "queued", next_attempt_at: null, updated_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", deliveryId)
    .execute();
  await emit(scope, {
    name: "notification.delivery_retried",
    entityId: deliveryId,
    data: {
      deliveryId,
      channel: delivery.channel as SentChannel,
      type: delivery.type,
      userId: delivery.user_id,
    },
  });
  return { id: deliveryId, status: "queued" as const };
}

/**
 * A function gave up on deliveries (the retry function, or a batch's last attempt): each is
 * failed with its last provider error, or `error` when it has none, so it stays on the page.
 */
export async function failDelivery(
  scope: TenantScope,
  deliveryIds: string | readonly string[],
  error: string,
) {
  await scope.db
    .updateTable("notification_deliveries")
    .set((eb) => ({
      status: "failed",
      provider_error: eb.fn.coalesce("provider_error", eb.val(error)),
      updated_at: new Date(),
    }))
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", typeof deliveryIds === "string" ? [deliveryIds] : [...deliveryIds])
    .where("status", "in", ["queued", "deferred"])
    .execute();
}
