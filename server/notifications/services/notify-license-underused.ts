import type { EventData } from "@/inngest/events";
import { formatMoney } from "@/server/money";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "./notify";
import { notifyItStaff } from "./notify-admins";

/** "7 seats sit idle, costing €105.00 per seat period" — what an idle licence costs, when priced. */
export function idleSeatsText(data: EventData<"license.underused">): string {
  const idle = data.seats - data.seatsUsed;
  const seats = idle === 1 ? "1 seat sits idle" : `${idle} seats sit idle`;
  return data.idleCost === null
    ? seats
    : `${seats}, costing ${formatMoney(data.idleCost, data.currency)} per seat period`;
}

/**
 * license.underused -> admins and IT staff, who give the idle seats to people who need them or
 * buy fewer at renewal. A licence archived since the scan, or given out past half, tells nobody.
 */
export async function notifyLicenseUnderused(
  scope: TenantScope,
  licenseId: string,
  data: EventData<"license.underused">,
): Promise<NotifyResult[]> {
  const license = await scope.db
    .selectFrom("licenses as l")
    .select(["l.archived_at", "l.seats"])
    .select((eb) =>
      eb
        .selectFrom("license_assignments as a")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("a.tenant_id", "=", "l.tenant_id")
        .whereRef("a.license_id", "=", "l.id")
        .where("a.revoked_at", "is", null)
        .as("held"),
    )
    .where("l.tenant_id", "=", scope.tenantId)
    .where("l.id", "=", licenseId)
    .executeTakeFirst();
  if (!license || license.archived_at || license.seats === null) return [];
  if (Number(license.held) * 2 >= license.seats) return [];
  return notifyItStaff(scope, {
    type: "license_underused",
    title: `${data.name}: ${data.seatsUsed} of ${data.seats} seats in use`,
    body: `${idleSeatsText(data)}. Give the seats to people who need them, or buy fewer at renewal.`,
    link: `/licenses/${licenseId}`,
    email: {
      licenseName: data.name,
      vendor: data.vendor,
      seats: data.seats,
      seatsUsed: data.seatsUsed,
      idleText: idleSeatsText(data),
    },
  });
}
