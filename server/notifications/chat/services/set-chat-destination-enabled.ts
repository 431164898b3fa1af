import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { chatSettingsOf, findChatDestination } from "../queries";
import type { SetChatDestinationEnabledInput } from "../schemas";

/**
 * Turns a destination off (its routes stay, so turning it back on restores them) or on. Off, it
 * gets no new deliveries; one already queued for it fails with a reason naming why.
 */
export async function setChatDestinationEnabled(scope: TenantScope, input: SetChatDestinationEnabledInput) {
  const row = await findChatDestination(scope.db, scope.tenantId, input.destinationId, true);
  if (row.enabled !== input.enabled) {
    await scope.db
      .updateTable("chat_destinations")
      .set({ enabled: input.enabled, updated_at: new Date() })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", row.id)
      .execute();
    await emit(scope, {
      name: input.enabled
        ? "notification.chat_destination_enabled"
        : "notification.chat_destination_disabled",
      entityId: row.id,
      data: { name: row.name },
    });
  }
  return chatSettingsOf(scope.db, scope.tenantId);
}
