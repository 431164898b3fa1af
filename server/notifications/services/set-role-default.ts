import type { UserScope } from "../../context";
import { emit } from "../../events/emit";
import { roleDefaultsOf } from "../preferences";
import type { SetRoleDefaultInput } from "../schemas";

/**
 * An admin sets whether a role gets a type on a channel by default. Defaults are read at notify
 * time, so it reaches at once everyone of that role who has not chosen for themselves; their own
 * choices still win.
 */
export async function setRoleDefault(scope: UserScope, input: SetRoleDefaultInput) {
  await scope.db
    .insertInto("notification_role_defaults")
    .values({
      tenant_id: scope.tenantId,
      role: input.role,
      type: input.type,
      channel: input.channel,
      enabled: input.enabled,
    })
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "role", "type", "channel"])
        .doUpdateSet({ enabled: input.enabled, updated_at: new Date() }),
    )
    .execute();
  await emit(scope, { name: "notification.role_default_changed", entityId: scope.tenantId, data: input });
  return roleDefaultsOf(scope.db, scope.tenantId);
}
