import type { UserScope } from "../../context";
import { emit } from "../../events/emit";
import { type Preferences, preferencesOf } from "../preferences";
import type { SetNotificationSettingsInput } from "../schemas";
import { phoneHintOf, sealPhone, settingsOf } from "../settings";

/**
 * Sets the user's mobile number (sealed; null removes it, absent keeps it) and when their daily
 * digest arrives. Digest items already waiting keep their time; new ones follow the new hour.
 * The event says whether the number changed, never the number.
 */
export async function setNotificationSettings(
  scope: UserScope,
  input: SetNotificationSettingsInput,
): Promise<Preferences> {
  const before = await settingsOf(scope.db, scope.tenantId, scope.user.id);
  const phone =
    input.phone === undefined
      ? {}
      : input.phone === null
        ? { phone_sealed: null, phone_hint: null }
        : {
            phone_sealed: sealPhone(scope.tenantId, scope.user.id, input.phone),
            phone_hint: phoneHintOf(input.phone),
          };
  const values = { ...phone, digest_hour: input.digestHour, digest_time_zone: input.digestTimeZone };
  await scope.db
    .insertInto("notification_settings")
    .values({ tenant_id: scope.tenantId, user_id: scope.user.id, ...values })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "user_id"]).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .execute();
  await emit(scope, {
    name: "notification.settings_changed",
    entityId: scope.user.id,
    data: {
      phone:
        input.phone === undefined
          ? "unchanged"
          : input.phone === null
            ? before.phoneHint
              ? "removed"
              : "unchanged"
            : "set",
      digestHour: input.digestHour,
      digestTimeZone: input.digestTimeZone,
    },
  });
  return preferencesOf(scope.db, scope.tenantId, scope.user);
}
