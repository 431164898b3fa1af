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
