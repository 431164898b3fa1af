import { activeAdminIds } from "../../accounts/queries";
import type { TenantScope } from "../../context";
import type { NotificationMessage } from "../message";
import { type NotifyResult, notify } from "./notify";

/** Notifies every active admin of the tenant of one thing, one after another (see notify). */
export async function notifyAdmins(
  scope: TenantScope,
  message: NotificationMessage,
): Promise<NotifyResult[]> {
  const results: NotifyResult[] = [];
  for (const adminId of await activeAdminIds(scope.db, scope.tenantId)) {
    results.push(await notify(scope, adminId, message));
  }
  return results;
}

/**
 * Notifies every active admin and IT staff member of the tenant, as their role is when the
 * function runs: someone no longer IT staff hears nothing more of IT staff's business.
 */
export async function notifyItStaff(
  scope: TenantScope,
  message: NotificationMessage,
): Promise<NotifyResult[]> {
  const staff = await scope.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("role", "in", ["admin", "it_staff"])
    .where("status", "=", "active")
    .orderBy("id")
    .execute();
  const results: NotifyResult[] = [];
  for (const user of staff) results.push(await notify(scope, user.id, message));
  return results;
}
