import type { GetStepTools } from "inngest";
import { systemScope, type TenantScope } from "@/server/context";
import { type Db, withTenant } from "@/server/db";
import type { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

/**
 * The second half of a scan across tenants: the licences it found, one step per tenant, each
 * reported in that tenant's transaction as the scan's function. `report` decides again under its
 * own lock, so a retried step reports nothing twice. Returns how many were reported.
 */
export async function reportInEachTenant(
  step: GetStepTools<typeof inngest>,
  scan: { name: string; runId: string; database: () => Promise<Db> },
  due: readonly { id: string; tenantId: string }[],
  report: (scope: TenantScope, licenseId: string) => Promise<boolean>,
): Promise<number> {
  const byTenant = new Map<string, string[]>();
  for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.id]);
  let reported = 0;
  for (const [tenantId, licenseIds] of byTenant) {
    reported += await step.run(`report-in-${tenantId}`, async () =>
      withTenant(await scan.database(), tenantId, async (trx) => {
        const scope = systemScope(trx, tenantId, {
          label: automationLabel(scan.name),
          cause: null,
          requestId: scan.runId,
        });
        let count = 0;
        for (const licenseId of licenseIds) if (await report(scope, licenseId)) count++;
        return count;
      }),
    );
  }
  return reported;
}
