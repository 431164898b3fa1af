import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * employee.terminated -> an offboarding for the leaver, with a return step per asset they hold,
 * as the tenant's offboarding rule says (on, template, departments). Idempotent through the
 * trigger event, like every workflow rule.
 */
export const startOffboardingFunction = tenantFunction(
  { id: "start-offboarding", name: "Start offboarding", event: "employee.terminated", retries: 5 },
  async ({ event, step, inTenant }) =>
    step.run("start-offboarding", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "offboarding",
          employeeId: event.entity.id,
          triggerEventId: event.id,
        }),
      ),
    ),
);

export const startOffboardingFn = createTenantFunction(inngest, startOffboardingFunction);
