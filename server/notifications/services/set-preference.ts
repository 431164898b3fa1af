import type { UserScope } from "../../context";
import { emit } from "../../events/emit";
import { type Preferences, preferencesOf } from "../preferences";
import type { SetPreferenceInput } from "../schemas";

/**
 * Records the user's own choice for one type on one channel. It overrides their role's default
 * from now on, including when an admin later changes that default.
 */
export async function setPreference(scope: UserScope, input: SetPreferenceInput): Promise<Preferences> {
  await scope.db
    .insertInto("notification_preferences")
    .values({
      tenant_id: scope.tenantId,
      user_id: scope.user.id,
      type: input.type,
      channel: input.channel,
      enabled: input.enabled,
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "user_id", "type", "channel"])
        .doUpdateSet({ enabled: input.enabled, updated_at: new Date() }),
    )
    .execute();
  await emit(scope, {
    name: "notification.preference_changed",
    entityId: scope.user.id,
    data: { type: input.type, channel: input.channel, enabled: input.enabled },
  });
  return preferencesOf(scope.db, scope.tenantId, scope.user);
}
