import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "../../notifications/services/notify";
import { notifyAdmins } from "../../notifications/services/notify-admins";

/**
 * integration.sync_failed -> every active admin of the tenant, with the provider's error: until
 * someone fixes the connection, new hires and leavers stop arriving.
 */
export function notifySyncFailed(
  scope: TenantScope,
  data: EventData<"integration.sync_failed">,
): Promise<NotifyResult[]> {
  return notifyAdmins(scope, {
    type: "integration_sync_failed",
    title: `The ${data.integrationName} sync failed`,
    body: data.error,
    link: `/settings/integrations/${data.integrationId}`,
    email: { integrationName: data.integrationName, error: data.error },
  });
}
