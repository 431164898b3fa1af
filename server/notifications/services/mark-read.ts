import type { UserScope } from "../../context";
import { announceChange } from "../live";

/**
 * Marks some of the user's own notifications read (others' ids match nothing), and tells the
 * user's other open bells so their counts drop too.
 */
export async function markRead(scope: UserScope, ids: string[]): Promise<{ updated: number }> {
  const result = await scope.db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", scope.user.id)
    .where("id", "in", ids)
    .where("read_at", "is", null)
    .executeTakeFirst();
  const updated = Number(result.numUpdatedRows);
  if (updated > 0) await announceChange(scope.db, scope.tenantId, scope.user.id);
  return { updated };
}
