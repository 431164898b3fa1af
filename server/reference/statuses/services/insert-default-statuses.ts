import { defaultStatuses } from "../../../assets/lifecycle";
import type { Trx } from "../../../db";

/**
 * Gives a tenant the standard statuses, one default per lifecycle kind, so lifecycle operations
 * (assign -> the default "assigned" status) work from the first request. Called while the tenant
 * is created; a kind that already has a default, or a label already taken, is skipped, so running
 * it again changes nothing.
 */
export async function insertDefaultStatuses(trx: Trx, tenantId: string): Promise<number> {
  const existing = await trx
    .selectFrom("statuses")
    .select(["label", "kind", "is_default"])
    .where("tenant_id", "=", tenantId)
    .execute();
  const labels = new Set(existing.map((status) => status.label.toLowerCase()));
  const defaultKinds = new Set(existing.filter((status) => status.is_default).map((status) => status.kind));
  const missing = defaultStatuses.filter(
    (status) => !defaultKinds.has(status.kind) && !labels.has(status.label.toLowerCase()),
  );
  if (missing.length === 0) return 0;
  await trx
    .insertInto("statuses")
    .values(
      missing.map((status) => ({
        tenant_id: tenantId,
        label: status.label,
        kind: status.kind,
        color: status.color,
        is_default: true,
      })),
    )
    .execute();
  return missing.length;
}
