import { type RuleOutcome, runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantBatchFunction } from "../tenant-function";

/**
 * employee.terminated -> an offboarding for the leaver, with a return step per asset and a revoke
 * step per licence they hold, as the tenant's offboarding rule says (on, template, departments). Idempotent through the
 * trigger event, like every workflow rule.
 *
 * Terminations come in bursts (an HRIS sync, a reorganisation), so they are handled in batches of
 * a tenant's events: one step starts the batch's offboardings, each in its own transaction caused
 * by its own termination. One leaver's failure does not hold back the others: every termination
 * is tried, then the step fails with the first error and its retry skips the offboardings already
 * started (their trigger event finds them).
 */
export const startOffboardingFunction = tenantBatchFunction(
  {
    id: "start-offboarding",
    name: "Start offboarding",
    event: "employee.terminated",
    batch: { maxSize: 10, timeout: "1s" },
    retries: 5,
  },
  async ({ events, step, inTenant }) =>
    step.run("start-offboarding", async () => {
      const outcomes: (RuleOutcome & { employeeId: string })[] = [];
      let firstError: unknown = null;
      for (const event of events) {
        const employeeId = event.entity.id;
        try {
          const outcome = await inTenant(event)((scope) =>
            runWorkflowRule(scope, { rule: "offboarding", employeeId, triggerEventId: event.id }),
          );
          outcomes.push({ employeeId, ...outcome });
        } catch (error) {
          firstError ??= error;
        }
      }
      if (firstError) throw firstError;
      return outcomes;
    }),
);

export const startOffboardingFn = createTenantFunction(inngest, startOffboardingFunction);
