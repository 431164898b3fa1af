import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { tenantCurrency } from "../../tenants/queries";
import { dueUnderuseNotice } from "../underuse";

/**
 * Reports a licence with most of its seats idle (`license.underused`): the notice is claimed by
 * one update under the same condition the scan used, so two scans (or a retried one) report it
 * once, and a licence given out meanwhile is not reported. Returns whether it reported.
 */
export async function reportLicenseUnderused(scope: TenantScope, licenseId: string): Promise<boolean> {
  const { rows } = await sql<{
    name: string;
    vendor: string | null;
    seats: number;
    cost_per_seat: string | null;
    seats_used: number;
  }>`
    update licenses l set underused_notified_at = now()
     where l.tenant_id = ${scope.tenantId} and l.id = ${licenseId} and ${dueUnderuseNotice("l")}
    returning l.name, l.vendor, l.seats, l.cost_per_seat,
      (select count(*)::int from license_assignments a
        where a.tenant_id = l.tenant_id and a.license_id = l.id and a.revoked_at is null) as seats_used`.execute(
    scope.db,
  );
  const license = rows[0];
  if (!license) return false;
  const idleSeats = license.seats - license.seats_used;
  await emit(scope, {
    name: "license.underused",
    entityId: licenseId,
    data: {
      name: license.name,
      vendor: license.vendor,
      seats: license.seats,
      seatsUsed: license.seats_used,
      idleCost: license.cost_per_seat === null ? null : Number(license.cost_per_seat) * idleSeats,
      currency: await tenantCurrency(scope.db, scope.tenantId),
    },
  });
  return true;
}
