import type { TenantScope } from "../../context";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import type { TenantRole } from "../../roles";
import { assertNotLastAdmin, lockOtherMember } from "./load-member";

/** Changes a member's role; effective on their next request (roles are read per request). */
export async function changeUserRole(scope: TenantScope, input: { userId: string; role: TenantRole }) {
  const user = await lockOtherMember(scope, input.userId, "change the role of");
  if (user.role === input.role) return { id: user.id, role: input.role };
  if (input.role !== "admin") await assertNotLastAdmin(scope, user);

  await scope.db.updateTable("users").set({ role: input.role }).where("id", "=", user.id).execute();
  await emit(scope, {
    name: "user.role_changed",
    entityId: user.id,
    data: { email: user.email, changes: changesBetween({ role: user.role }, { role: input.role }) },
  });
  return { id: user.id, role: input.role };
}
