import type { Inngest } from "inngest";
import { type Db, getDb, withPlatform } from "@/server/db";
import { underusedLicensesToReport } from "@/server/licenses/queries";
import { reportLicenseUnderused } from "@/server/licenses/services/report-license-underused";
import { inngest } from "../../client";
import { reportInEachTenant } from "./report-in-each-tenant";

const NAME = "Report under-used licences";
const BATCH = 1_000;

/**
 * Weekly (Monday morning, before renewals are discussed): each licence with fewer than half its
 * seats held, past its first 30 days, is reported (`license.underused`), at most once in 30 days;
 * one step per tenant. Seat counts live in the tables, so nothing waits between scans.
 */
export function createReportUnderusedLicensesFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db> } = {},
) {
  const database = options.database ?? getDb;
  return client.createFunction(
    {
      id: "report-underused-licenses",
      name: NAME,
      retries: 3,
      concurrency: { limit: 1 },
      triggers: [{ cron: options.cron ?? "0 7 * * 1" }],
    },
    async ({ step, runId }) => {
      const due = await step.run("find-underused-licenses", async () =>
        withPlatform(await database(), (trx) => underusedLicensesToReport(trx, BATCH)),
      );
      const reported = await reportInEachTenant(
        step,
        { name: NAME, runId, database },
        due,
        reportLicenseUnderused,
      );
      return { reported };
    },
  );
}

export const reportUnderusedLicensesFn = createReportUnderusedLicensesFn(inngest);
