import type { TenantScope } from "../../context";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { agentSettings } from "../queries";
import { AgentSettings } from "../schemas";

/**
 * The settings as the tenant's `settings.changed` events name them: prefixed, because the same
 * event records the tenant's other settings (its currency).
 */
const asRecorded = (settings: AgentSettings) => ({
  agentUnknownDevices: settings.unknownDevices,
  agentStaleDays: settings.staleDays,
});

/** What unknown devices become, and after how many days without a check-in a device is stale. */
export async function updateAgentSettings(scope: TenantScope, raw: AgentSettings): Promise<AgentSettings> {
  const input = AgentSettings.parse(raw);
  const before = await agentSettings(scope.db, scope.tenantId);
  const changes = changesBetween(asRecorded(before), asRecorded(input));
  if (Object.keys(changes).length === 0) return before;
  await scope.db
    .updateTable("tenants")
    .set({ agent_unknown_devices: input.unknownDevices, agent_stale_days: input.staleDays })
    .where("id", "=", scope.tenantId)
    .execute();
  await emit(scope, { name: "settings.changed", entityId: scope.tenantId, data: { changes } });
  return input;
}
