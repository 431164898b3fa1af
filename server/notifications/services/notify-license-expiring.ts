import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "./notify";
import { notifyItStaff } from "./notify-admins";

const inDays = (days: number) => (days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`);

/**
 * license.expiring -> admins and IT staff, who renew it or plan for its seats. A licence archived
 * or renewed since the scan (no longer that expiry date) tells nobody.
 */
export async function notifyLicenseExpiring(
  scope: TenantScope,
  licenseId: string,
  data: EventData<"license.expiring">,
): Promise<NotifyResult[]> {
  const license = await scope.db
    .selectFrom("licenses")
    .select(["archived_at", "expires_on"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", licenseId)
    .executeTakeFirst();
  if (!license || license.archived_at || license.expires_on !== data.expiresOn) return [];
  const seats = `${data.seatsUsed} ${data.seatsUsed === 1 ? "person holds" : "people hold"} a seat`;
  return notifyItStaff(scope, {
    type: "license_expiring",
    title: `${data.name} expires ${inDays(data.daysLeft)} (${data.expiresOn})`,
    body: `${seats}. Renew it and record the new expiry date, or plan for its holders.`,
    link: `/licenses/${licenseId}`,
    email: {
      licenseName: data.name,
      vendor: data.vendor,
      expiresOn: data.expiresOn,
      daysLeft: data.daysLeft,
      seatsUsed: data.seatsUsed,
    },
  });
}
