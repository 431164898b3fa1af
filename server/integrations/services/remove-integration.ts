import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { activeRun, lockIntegration } from "../queries";
import { IntegrationIdInput } from "../schemas";

/**
 * Removes an integration with its runs and sealed credentials. The employees it brought stay, as
 * manual records no provider owns any more. Refused while a sync is queued or running, so a run
 * never writes for an integration that is gone.
 */
export async function removeIntegration(scope: TenantScope, raw: { id: string }) {
  const input = IntegrationIdInput.parse(raw);
  const row = await lockIntegration(scope.db, scope.tenantId, input.id);
  if (await activeRun(scope.db, scope.tenantId, row.id)) {
    throw new AppError(
      "CONFLICT",
      `A sync of ${row.name} is running. Wait for it to finish, then remove the integration.`,
    );
  }
  await scope.db
    .updateTable("employees")
    .set({ source: "manual", source_integration_id: null, owned_fields: [], overridden_fields: [] })
    .where("tenant_id", "=", scope.tenantId)
    .where("source_integration_id", "=", row.id)
    .execute();
  await scope.db
    .deleteFrom("integrations")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emit(scope, {
    name: "integration.removed",
    entityId: row.id,
    data: { provider: row.provider, name: row.name },
  });
  return { id: row.id };
}
