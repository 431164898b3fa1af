import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { chatSettingsOf, findChatDestination } from "../queries";

/**
 * Deletes a destination with its sealed secret and its routes. Its past deliveries stay in the
 * delivery log under its name (their destination becomes null); one still queued fails unsent.
 */
export async function removeChatDestination(scope: TenantScope, destinationId: string) {
  const row = await findChatDestination(scope.db, scope.tenantId, destinationId, true);
  await scope.db
    .deleteFrom("chat_destinations")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emit(scope, {
    name: "notification.chat_destination_removed",
    entityId: row.id,
    data: { name: row.name, kind: row.kind },
  });
  return chatSettingsOf(scope.db, scope.tenantId);
}
