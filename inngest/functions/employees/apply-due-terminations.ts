import type { Inngest } from "inngest";
import { systemScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { dueTerminations } from "@/server/employees/queries";
import { applyDueTermination } from "@/server/employees/services/apply-due-termination";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Apply due terminations";

/**
 * Hourly: every employee whose scheduled termination date has come is terminated (one step per
 * tenant, acting as this function), so employee.terminated and offboarding follow on the day.
 * Deadlines live in the table (terminateEmployee), not in sleeping runs, so they stay visible and
 * a changed or cancelled date needs nothing cancelled here.
 */
export function createApplyDueTerminationsFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db> } = {},
) {
  const database = options.database ?? getDb;
  return client.createFunction(
    {
      id: "apply-due-terminations",
      name: NAME,
      retries: 3,
      triggers: [{ cron: options.cron ?? "0 * * * *" }],
    },
    async ({ step, runId }) => {
      const due = await step.run("find-due-terminations", async () =>
        withPlatform(await database(), (trx) => dueTerminations(trx, 1_000)),
      );
      const byTenant = new Map<string, typeof due>();
      for (const row of due) byTenant.set(row.tenantId, [...(byTenant.get(row.tenantId) ?? []), row]);
      let terminated = 0;
      for (const [tenantId, rows] of byTenant) {
        terminated += await step.run(`terminate-in-${tenantId}`, async () =>
          withTenant(await database(), tenantId, async (trx) => {
            const scope = systemScope(trx, tenantId, {
              label: automationLabel(NAME),
              cause: null,
              requestId: runId,
            });
            let applied = 0;
            for (const row of rows) if (await applyDueTermination(scope, row.id)) applied++;
            return applied;
          }),
        );
      }
      return { terminated };
    },
  );
}

export const applyDueTerminationsFn = createApplyDueTerminationsFn(inngest);
