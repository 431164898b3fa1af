import type { UserScope } from "../../context";
import { emit } from "../../events/emit";
import { type Preferences, preferencesOf } from "../preferences";
import type { SetQuietHoursInput } from "../schemas";

/** Sets the user's quiet hours (in their time zone), or removes them with null. */
export async function setQuietHours(scope: UserScope, input: SetQuietHoursInput): Promise<Preferences> {
  const quiet = input.quietHours;
  await emit(scope, {
    name: "notification.quiet_hours_changed",
    entityId: scope.user.id,
    data: { quietHours: quiet },
  });
  if (!quiet) {
    await scope.db
      .deleteFrom("notification_quiet_hours")
      .where("tenant_id", "=", scope.tenantId)
      .where("user_id", "=", scope.user.id)
      .execute();
    return preferencesOf(scope.db, scope.tenantId, scope.user);
  }
  const values = { starts_at: quiet.start, ends_at: quiet.end, time_zone: quiet.timeZone };
  await scope.db
    .insertInto("notification_quiet_hours")
    .values({ tenant_id: scope.tenantId, user_id: scope.user.id, ...values })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "user_id"]).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .execute();
  return preferencesOf(scope.db, scope.tenantId, scope.user);
}
