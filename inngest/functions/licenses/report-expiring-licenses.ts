import type { Inngest } from "inngest";
import { type Db, getDb, withPlatform } from "@/server/db";
import { expiringLicensesToReport } from "@/server/licenses/queries";
import { reportLicenseExpiring } from "@/server/licenses/services/report-license-expiring";
import { inngest } from "../../client";
import { reportInEachTenant } from "./report-in-each-tenant";

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
      const reported = await reportInEachTenant(
        step,
        { name: NAME, runId, database },
        due,
        reportLicenseExpiring,
      );
      return { reported };
    },
  );
}

export const reportExpiringLicensesFn = createReportExpiringLicensesFn(inngest);
