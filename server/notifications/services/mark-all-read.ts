import type { UserScope } from "../../context";
import { announceChange } from "../live";

/** Marks every unread notification of the user read, and tells the user's other open bells. */
export async function markAllRead(scope: UserScope): Promise<{ updated: number }> {
  const result = await scope.db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", scope.user.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows);
  if (updated > 0) await announceChange(scope.db, scope.tenantId, scope.user.id);
  return { updated };
}
