import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "../../notifications/services/notify";

/**
 * integration.sync_failed -> every active admin of the tenant, with the provider's error: until
 * someone fixes the connection, new hires and leavers stop arriving.
 */
export async function notifySyncFailed(
  scope: TenantScope,
  data: EventData<"integration.sync_failed">,
): Promise<NotifyResult[]> {
  const admins = await scope.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("id")
    .execute();
  const link = `/settings/integrations/${data.integrationId}`;
  const results: NotifyResult[] = [];
  for (const admin of admins) {
    results.push(
      await notify(scope, admin.id, {
        type: "integration_sync_failed",
        title: `The ${data.integrationName} sync failed`,
        body: data.error,
        link,
        email: { integrationName: data.integrationName, error: data.error },
      }),
    );
  }
  return results;
}
