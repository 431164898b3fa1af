import type { Inngest } from "inngest";
import { tenantsWithWarrantiesDue } from "@/server/assets/warranties/queries";
import { reportExpiringWarranties } from "@/server/assets/warranties/services/report-expiring-warranties";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Report expiring warranties";

/**
 * Daily: one query across tenants finds those with a warranty ending within 30 days (then 7) that
 * no one was told of, then one step per tenant records and reports them in one statement and one
 * event per threshold (notify-warranties-expiring tells IT staff and admins). A retried step finds
 * what it recorded already told; a day missed is caught up on the next. `today` (UTC) is an option
 * so tests can run the check as of another day.
 */
export function createReportExpiringWarrantiesFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db>; today?: () => string } = {},
) {
  const database = options.database ?? getDb;
  const todayOf = options.today ?? (() => new Date().toISOString().slice(0, 10));
  return client.createFunction(
    {
      id: "report-expiring-warranties",
      name: NAME,
      retries: 3,
      concurrency: { limit: 1 },
      triggers: [{ cron: options.cron ?? "0 7 * * *" }],
    },
    async ({ step, runId }) => {
      const today = await step.run("today", () => todayOf());
      const tenantIds = await step.run("find-tenants", async () =>
        withPlatform(await database(), (trx) => tenantsWithWarrantiesDue(trx, today)),
      );
      let reported = 0;
      for (const tenantId of tenantIds) {
        reported += await step.run(`report-in-${tenantId}`, async () =>
          withTenant(await database(), tenantId, (trx) =>
            reportExpiringWarranties(
              systemScope(trx, tenantId, { label: automationLabel(NAME), cause: null, requestId: runId }),
              today,
            ),
          ),
        );
      }
      return { tenants: tenantIds.length, reported };
    },
  );
}

export const reportExpiringWarrantiesFn = createReportExpiringWarrantiesFn(inngest);
