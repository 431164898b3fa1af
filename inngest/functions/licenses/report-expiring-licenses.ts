import type { Inngest } from "inngest";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { expiringLicensesToReport } from "@/server/licenses/queries";
import { reportLicenseExpiring } from "@/server/licenses/services/report-license-expiring";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Report expiring licences";
const BATCH = 1_000;

/**
 * Daily: each licence in use that expires within 30 days is reported once (`license.expiring`),
 * and again within 7 days; one step per tenant. Expiry dates live in licenses and what was sent in
 * license_expiry_notices, so a licence renewed meanwhile needs nothing cancelled here.
 */
export function createReportExpiringLicensesFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db> } = {},
) {
  const database = options.database ?? getDb;
  return client.createFunction(
    {
      id: "report-expiring-licenses",
      name: NAME,
      retries: 3,
      triggers: [{ cron: options.cron ?? "0 7 * * *" }],
    },
    async ({ step, runId }) => {
      const due = await step.run("find-expiring-licenses", async () =>
        withPlatform(await database(), (trx) => expiringLicensesToReport(trx, BATCH)),
      );
      const byTenant = new Map<string, string[]>();
      for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.id]);
      let reported = 0;
      for (const [tenantId, licenseIds] of byTenant) {
        reported += await step.run(`report-in-${tenantId}`, async () =>
          withTenant(await database(), tenantId, async (trx) => {
            const scope = systemScope(trx, tenantId, {
              label: automationLabel(NAME),
              cause: null,
              requestId: runId,
            });
            let count = 0;
            for (const licenseId of licenseIds) if (await reportLicenseExpiring(scope, licenseId)) count++;
            return count;
          }),
        );
      }
      return { reported };
    },
  );
}

export const reportExpiringLicensesFn = createReportExpiringLicensesFn(inngest);
