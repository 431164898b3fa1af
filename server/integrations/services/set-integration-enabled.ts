import type { z } from "zod";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { lockIntegration } from "../queries";
import { SetEnabledInput } from "../schemas";

/**
 * Turns an integration on or off. Off, the schedule stops requesting syncs and Sync now is
 * refused; a run already going finishes. Setting what is already set records nothing.
 */
export async function setIntegrationEnabled(scope: TenantScope, raw: z.input<typeof SetEnabledInput>) {
  const input = SetEnabledInput.parse(raw);
  const row = await lockIntegration(scope.db, scope.tenantId, input.id);
  if (row.enabled === input.enabled) return { id: row.id, enabled: row.enabled, changed: false };
  await scope.db
    .updateTable("integrations")
    .set({ enabled: input.enabled })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", row.id)
    .execute();
  await emit(scope, {
    name: input.enabled ? "integration.enabled" : "integration.disabled",
    entityId: row.id,
    data: { name: row.name },
  });
  return { id: row.id, enabled: input.enabled, changed: true };
}
