import { automationMode } from "../env";
import { AppError } from "../errors";
import { deadLetters, relayBacklog } from "../events/relay";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { automationFunctions } from "./functions";
import { getRun, listRuns, runCountsByStatus } from "./queries";
import { summarizeRuns } from "./run-summaries";
import {
  AutomationOverview,
  DeadLetter,
  DeadLetterInput,
  DeadLetterRetried,
  RunDetail,
  RunIdInput,
  RunListInput,
  RunSummary,
} from "./schemas";
import { retryAutomationRun } from "./services/retry-automation-run";
import { retryDeadLetter } from "./services/retry-dead-letter";

export const automationRouter = router({
  overview: tenantProcedure(can.audit)
    .output(AutomationOverview)
    .query(async ({ ctx }) => ({
      mode: automationMode(),
      functions: automationFunctions(),
      backlog: await relayBacklog(ctx.db, ctx.tenantId),
      counts: await runCountsByStatus(ctx.db, ctx.tenantId),
    })),
  runs: tenantProcedure(can.audit)
    .input(RunListInput)
    .output(RunSummary.array())
    .query(async ({ ctx, input }) =>
      summarizeRuns(ctx.db, ctx.tenantId, await listRuns(ctx.db, ctx.tenantId, input)),
    ),
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
  deadLetters: tenantProcedure(can.manageTenant)
    .output(DeadLetter.array())
    .query(({ ctx }) => deadLetters(ctx.db, ctx.tenantId)),
  retryDeadLetter: tenantProcedure(can.manageTenant)
    .input(DeadLetterInput)
    .output(DeadLetterRetried)
    .mutation(({ ctx, input }) => retryDeadLetter(ctx, input)),
});
