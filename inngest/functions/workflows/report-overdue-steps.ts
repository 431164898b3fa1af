import type { Inngest } from "inngest";
import { systemScope, type TenantScope } from "@/server/context";
import { type Db, getDb, withPlatform, withTenant } from "@/server/db";
import { overdueStepsToReport } from "@/server/workflows/queries";
import { stepsToEscalate } from "@/server/workflows/rule-queries";
import { escalateStep } from "@/server/workflows/services/escalate-step";
import { reportOverdueStep } from "@/server/workflows/services/report-overdue-step";
import { inngest } from "../../client";
import { automationLabel } from "../in-tenant";

const NAME = "Report overdue workflow steps";
const BATCH = 1_000;

type Due = { id: string; tenantId: string }[];

const byTenant = (rows: Due) => {
  const grouped = new Map<string, string[]>();
  for (const row of rows) grouped.set(row.tenantId, [...(grouped.get(row.tenantId) ?? []), row.id]);
  return grouped;
};

/**
 * Every 15 minutes: each open step whose due date has passed is reported overdue once
 * (`workflow.step_overdue`), and each still open the tenant's escalation hours later is escalated
 * once (`workflow.step_escalated`, to the assignee's manager, the owner or the admins); one step
 * of the run per tenant and phase. Deadlines live in workflow_steps, not in sleeping runs, so a
 * reassigned or completed step needs nothing cancelled here.
 */
export function createReportOverdueStepsFn(
  client: Inngest,
  options: { cron?: string; database?: () => Promise<Db> } = {},
) {
  const database = options.database ?? getDb;
  return client.createFunction(
    {
      id: "report-overdue-steps",
      name: NAME,
      retries: 3,
      triggers: [{ cron: options.cron ?? "*/15 * * * *" }],
    },
    async ({ step, runId }) => {
      const inTenant = async (tenantId: string, work: (scope: TenantScope) => Promise<number>) =>
        withTenant(await database(), tenantId, (trx) =>
          work(systemScope(trx, tenantId, { label: automationLabel(NAME), cause: null, requestId: runId })),
        );
      const eachStep = async (
        phase: string,
        due: Due,
        act: (scope: TenantScope, stepId: string) => Promise<boolean>,
      ) => {
        let count = 0;
        for (const [tenantId, stepIds] of byTenant(due)) {
          count += await step.run(`${phase}-in-${tenantId}`, () =>
            inTenant(tenantId, async (scope) => {
              let acted = 0;
              for (const stepId of stepIds) if (await act(scope, stepId)) acted++;
              return acted;
            }),
          );
        }
        return count;
      };

      const overdue = await step.run("find-overdue-steps", async () =>
        withPlatform(await database(), (trx) => overdueStepsToReport(trx, BATCH)),
      );
      const reported = await eachStep("report", overdue, reportOverdueStep);
      const late = await step.run("find-steps-to-escalate", async () =>
        withPlatform(await database(), (trx) => stepsToEscalate(trx, BATCH)),
      );
      const escalated = await eachStep("escalate", late, (scope, stepId) => escalateStep(scope, stepId));
      return { reported, escalated };
    },
  );
}

export const reportOverdueStepsFn = createReportOverdueStepsFn(inngest);
