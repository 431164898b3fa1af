import { APP_ID } from "@/inngest/client";
import { getRun, listRuns } from "@/inngest/engine/queries";
import { functions } from "@/inngest/functions";
import { automationMode } from "../env";
import { AppError } from "../errors";
import { relayBacklog } from "../events/relay";
import { can, router, tenantProcedure } from "../trpc";
import { runCountsByStatus } from "./queries";
import { AutomationOverview, RunDetail, RunIdInput, RunListInput, RunListItem } from "./schemas";
import { retryAutomationRun } from "./services/retry-automation-run";

const triggersOf = (fn: (typeof functions)[number]) =>
  ((fn.opts as { triggers?: Array<{ event?: string; cron?: string }> }).triggers ?? []).map((trigger) =>
    trigger.event ? `event ${trigger.event}` : `cron ${trigger.cron}`,
  );

export const automationRouter = router({
  overview: tenantProcedure(can.audit)
    .output(AutomationOverview)
    .query(async ({ ctx }) => ({
      mode: automationMode(),
      functions: functions.map((fn) => {
        const { id, name } = fn.opts as { id: string; name?: string };
        // runs record the id Inngest knows: the app id, a dash, the function's own id
        return { id: `${APP_ID}-${id}`, name: name ?? id, triggers: triggersOf(fn) };
      }),
      backlog: await relayBacklog(ctx.db, ctx.tenantId),
      counts: await runCountsByStatus(ctx.db, ctx.tenantId),
    })),
  runs: tenantProcedure(can.audit)
    .input(RunListInput)
    .output(RunListItem.array())
    .query(({ ctx, input }) => listRuns(ctx.db, ctx.tenantId, input)),
  run: tenantProcedure(can.audit)
    .input(RunIdInput)
    .output(RunDetail)
    .query(async ({ ctx, input }) => {
      const run = await getRun(ctx.db, ctx.tenantId, input.runId);
      if (!run) throw new AppError("NOT_FOUND", "This automation run does not exist.");
      return run;
    }),
  retry: tenantProcedure(can.manageTenant)
    .input(RunIdInput)
    .output(RunDetail)
    .mutation(({ ctx, input }) => retryAutomationRun(ctx, input)),
});
