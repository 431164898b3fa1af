import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "../../notifications/services/notify";
import { notifyAdmins } from "../../notifications/services/notify-admins";

/**
 * integration.sync_completed -> the admins who opted in (the type is off by default): what the
 * sync created, updated and failed to apply. An integration removed since is not reported.
 */
export async function notifySyncCompleted(
  scope: TenantScope,
  data: EventData<"integration.sync_completed">,
): Promise<NotifyResult[]> {
  const integration = await scope.db
    .selectFrom("integrations")
    .select("name")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", data.integrationId)
    .executeTakeFirst();
  if (!integration) return [];
  const { added: created, updated, failed } = data.counts;
  const counts = `${created} created, ${updated} updated, ${failed} failed`;
  return notifyAdmins(scope, {
    type: "integration_sync_completed",
    title: `The ${integration.name} sync completed: ${counts}`,
    body:
      data.status === "partial"
        ? `Some records were not applied (${counts}); the run's page names each with its reason.`
        : `Every record was applied (${counts}).`,
    link: `/settings/integrations/${data.integrationId}`,
    email: {
      integrationName: integration.name,
      partial: data.status === "partial",
      created,
      updated,
      failed,
    },
  });
}
