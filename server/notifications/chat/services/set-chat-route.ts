import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { chatSettingsOf, findChatDestination } from "../queries";
import type { SetChatRouteInput } from "../schemas";

/**
 * One cell of the routing table: whether notifications of a type go to a destination. Read when a
 * notification is created, so a change applies from the next one; a repeated click changes (and
 * records) nothing.
 */
export async function setChatRoute(scope: TenantScope, input: SetChatRouteInput) {
  const destination = await findChatDestination(scope.db, scope.tenantId, input.destinationId, true);
  const changed = input.routed
    ? await scope.db
        .insertInto("chat_routes")
        .values({ tenant_id: scope.tenantId, destination_id: destination.id, type: input.type })
        .onConflict((oc) => oc.columns(["tenant_id", "destination_id", "type"]).doNothing())
        .executeTakeFirst()
    : await scope.db
        .deleteFrom("chat_routes")
        .where("tenant_id", "=", scope.tenantId)
        .where("destination_id", "=", destination.id)
        .where("type", "=", input.type)
        .executeTakeFirst();
  const rows =
    "numInsertedOrUpdatedRows" in changed ? changed.numInsertedOrUpdatedRows : changed.numDeletedRows;
  if (Number(rows ?? 0) > 0) {
    await emit(scope, {
      name: "notification.chat_route_changed",
      entityId: destination.id,
      data: { name: destination.name, type: input.type, routed: input.routed },
    });
  }
  return chatSettingsOf(scope.db, scope.tenantId);
}
