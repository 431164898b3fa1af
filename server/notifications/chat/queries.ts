import type { Trx } from "../../db";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { notificationTypeInfo } from "../types";
import { type ChatRoutableType, type ChatSettings, type chatKinds, chatRoutableTypes } from "./schemas";

/** The Team chat card: every destination (secrets as hints), the routable types and the routing table. */
export async function chatSettingsOf(trx: Trx, tenantId: string): Promise<ChatSettings> {
  const destinations = await trx
    .selectFrom("chat_destinations")
    .select(["id", "name", "kind", "secret_hint", "slack_channel", "enabled", "created_at"])
    .where("tenant_id", "=", tenantId)
    .orderBy("name")
    .execute();
  const routes = await trx
    .selectFrom("chat_routes")
    .select(["destination_id", "type"])
    .where("tenant_id", "=", tenantId)
    .execute();
  return {
    destinations: destinations.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind as (typeof chatKinds)[number],
      hint: row.secret_hint,
      channelId: row.slack_channel,
      enabled: row.enabled,
      createdAt: row.created_at,
    })),
    types: chatRoutableTypes.map((type) => ({ type, label: notificationTypeInfo[type].label })),
    routes: routes
      .filter((route) => (chatRoutableTypes as readonly string[]).includes(route.type))
      .map((route) => ({ destinationId: route.destination_id, type: route.type as ChatRoutableType })),
  };
}

/** One destination of the tenant, locked for a change when `lock`; NOT_FOUND names what to do. */
export async function findChatDestination(trx: Trx, tenantId: string, destinationId: string, lock = false) {
  let query = trx
    .selectFrom("chat_destinations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", destinationId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "This chat destination no longer exists; reload the page.");
  return row;
}

/**
 * What saving a destination under a name the tenant already uses says (the unique name key), on the
 * name field; any other error is passed on as it was.
 */
export function nameTaken(error: unknown, name: string): unknown {
  if (!isUniqueViolation(error, "chat_destinations_tenant_name_key")) return error;
  return new AppError("CONFLICT", `A chat destination named ${name} already exists. Choose another name.`, {
    field: "name",
  });
}
