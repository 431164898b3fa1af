import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { expiryThresholdFor } from "../expiry";
import { countActiveSeats, lockLicense } from "../queries";

/**
 * Reports a licence expiring (`license.expiring`) once per warning threshold and expiry date:
 * decided under the licence's lock, and recorded in license_expiry_notices, so two scans (or a
 * retried one) never report it twice. A renewal (a later expires_on) warns again. Returns whether
 * it reported.
 */
export async function reportLicenseExpiring(scope: TenantScope, licenseId: string): Promise<boolean> {
  const license = await lockLicense(scope.db, scope.tenantId, licenseId);
  if (license.archived_at || !license.expires_on) return false;
  const { days_left: daysLeft } = await sql<{ days_left: number }>`
    select (${license.expires_on}::date - current_date)::int as days_left`
    .execute(scope.db)
    .then((result) => result.rows[0] ?? { days_left: -1 });
  const threshold = expiryThresholdFor(Number(daysLeft));
  if (threshold === null) return false;
  const recorded = await scope.db
    .insertInto("license_expiry_notices")
    .values({
      tenant_id: scope.tenantId,
      license_id: license.id,
      threshold_days: threshold,
      expires_on: license.expires_on,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("license_id")
    .executeTakeFirst();
  if (!recorded) return false;
  await emit(scope, {
    name: "license.expiring",
    entityId: license.id,
    data: {
      name: license.name,
      vendor: license.vendor,
      expiresOn: license.expires_on,
      thresholdDays: threshold,
      daysLeft: Number(daysLeft),
      seatsUsed: await countActiveSeats(scope.db, scope.tenantId, license.id),
    },
  });
  return true;
}
