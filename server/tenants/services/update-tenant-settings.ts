import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { tenantSettings } from "../queries";
import { type TenantSettings, UpdateTenantSettingsInput } from "../schemas";

/**
 * Changes the organization's settings (its currency). Amounts are not converted: the currency
 * says what the recorded numbers mean, so changing it is a correction, recorded in the audit log.
 */
export async function updateTenantSettings(
  scope: TenantScope,
  raw: UpdateTenantSettingsInput,
): Promise<TenantSettings> {
  const input = UpdateTenantSettingsInput.parse(raw);
  const before = await tenantSettings(scope.db, scope.tenantId);
  if (before.currency === input.currency) return before;
  await scope.db
    .updateTable("tenants")
    .set({ currency: input.currency })
    .where("id", "=", scope.tenantId)
    .execute();
  await emit(scope, {
    name: "settings.changed",
    entityId: scope.tenantId,
    data: { changes: { currency: { before: before.currency, after: input.currency } } },
  });
  return { ...before, currency: input.currency };
}
