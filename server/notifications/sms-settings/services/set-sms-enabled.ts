import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { smsSettingsOf, smsSettingsRow } from "../queries";

/**
 * Turns the tenant's own account off (its credentials stay, so turning it back on needs no
 * retyping; texts meanwhile go out with the platform's account or to the preview) or on.
 */
export async function setSmsEnabled(scope: TenantScope, enabled: boolean) {
  const row = await smsSettingsRow(scope.db, scope.tenantId, true);
  if (!row) throw new AppError("NOT_FOUND", "No SMS account is saved; save one first.");
  if (row.enabled !== enabled) {
    await scope.db
      .updateTable("sms_settings")
      .set({ enabled, updated_at: new Date() })
      .where("tenant_id", "=", scope.tenantId)
      .execute();
    await emit(scope, {
      name: "notification.sms_settings_saved",
      entityId: scope.tenantId,
      data: {
        accountSid: row.account_sid,
        changes: { enabled: { before: row.enabled, after: enabled } },
        token: "kept",
      },
    });
  }
  return smsSettingsOf(scope.db, scope.tenantId);
}
