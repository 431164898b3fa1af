import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, eachEvent, tenantBatchFunction } from "../tenant-function";

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
      const { results, failed } = await eachEvent(events, inTenant, (scope, event) =>
        runWorkflowRule(scope, {
          rule: "offboarding",
          employeeId: event.entity.id,
          triggerEventId: event.id,
        }),
      );
      if (failed[0]) throw failed[0].error;
      return results.map(({ event, result }) => ({ employeeId: event.entity.id, ...result }));
    }),
);

export const startOffboardingFn = createTenantFunction(inngest, startOffboardingFunction);
