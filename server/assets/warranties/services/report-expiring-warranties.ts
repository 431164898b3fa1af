import type { TenantScope } from "../../../context";
import { emit } from "../../../events/emit";
import { recordWarrantiesDue, type WarrantyDue, warrantyThresholds } from "../queries";

/** The assets an event lists by name; the notice counts the rest and links to the full list. */
export const LISTED_ASSETS = 50;

/**
 * The tenant's warranties ending within 30 days (then 7) that no one was told of yet: recorded as
 * told and reported in the same transaction, one `asset.warranties_expiring` per threshold however
 * many assets it holds (IT staff get one notice listing them, not one bell each). Returns how many
 * warranties it reported.
 */
export async function reportExpiringWarranties(scope: TenantScope, today: string): Promise<number> {
  const due = await recordWarrantiesDue(scope.db, scope.tenantId, today);
  for (const thresholdDays of warrantyThresholds) {
    const assets = due.filter((row) => row.thresholdDays === thresholdDays);
    if (assets.length === 0) continue;
    await emit(scope, {
      name: "asset.warranties_expiring",
      entityId: scope.tenantId,
      data: {
        thresholdDays,
        count: assets.length,
        assets: assets.slice(0, LISTED_ASSETS).map(({ id, tag, name, warrantyEnd }: WarrantyDue) => ({
          id,
          tag,
          name,
          warrantyEnd,
        })),
      },
    });
  }
  return due.length;
}
