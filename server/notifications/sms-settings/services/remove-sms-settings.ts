import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { smsSettingsOf, smsSettingsRow } from "../queries";

/**
 * Deletes the tenant's account with its sealed token. Texts from then on go out with the
 * platform's account (TWILIO_*) when there is one, else to the preview; past deliveries stay.
 */
export async function removeSmsSettings(scope: TenantScope) {
  const row = await smsSettingsRow(scope.db, scope.tenantId, true);
  if (!row) throw new AppError("NOT_FOUND", "No SMS account is saved; reload the page.");
  await scope.db.deleteFrom("sms_settings").where("tenant_id", "=", scope.tenantId).execute();
  await emit(scope, {
    name: "notification.sms_settings_removed",
    entityId: scope.tenantId,
    data: { accountSid: row.account_sid },
  });
  return smsSettingsOf(scope.db, scope.tenantId);
}
