import type { Inngest } from "inngest";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { isAppError } from "@/server/errors";
import { dueScheduledSyncs } from "@/server/integrations/queries";
import { defaultRuntime, type IntegrationRuntime } from "@/server/integrations/runtime";
import { requestSync } from "@/server/integrations/services/request-sync";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Request scheduled integration syncs";

/**
 * Hourly: every enabled integration whose schedule is due (hourly: no run in the last 50 minutes;
 * daily: none in the last 23 h 50 min, so a Sync now pushes the next one back) gets a sync
 * requested, as the schedule. One step per tenant; one transaction per integration, so one that
 * cannot be requested does not hold back the others.
 */
export function createRequestScheduledSyncsFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db>; runtime?: () => IntegrationRuntime } = {},
) {
  const database = options.database ?? getDb;
  const runtime = options.runtime ?? defaultRuntime;
  return client.createFunction(
    {
      id: "request-scheduled-syncs",
      name: NAME,
      retries: 3,
      triggers: [{ cron: options.cron ?? "0 * * * *" }],
    },
    async ({ step, runId }) => {
      const due = await step.run("find-due-integrations", async () =>
        withPlatform(await database(), (trx) => dueScheduledSyncs(trx, 1_000)),
      );
      const byTenant = new Map<string, string[]>();
      for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row.id]);
      let requested = 0;
      for (const [tenantId, ids] of byTenant) {
        requested += await step.run(`request-in-${tenantId}`, async () => {
          let count = 0;
          for (const integrationId of ids) {
            try {
              const queued = await withTenant(await database(), tenantId, (trx) =>
                requestSync(
                  systemScope(trx, tenantId, { label: automationLabel(NAME), cause: null, requestId: runId }),
                  runtime(),
                  { integrationId, trigger: "schedule" },
                ),
              );
              if (queued) count++;
            } catch (error) {
              // Removed or started meanwhile: the next hour looks again.
              if (!isAppError(error)) throw error;
            }
          }
          return count;
        });
      }
      return { requested };
    },
  );
}

export const requestScheduledSyncsFn = createRequestScheduledSyncsFn(inngest);
