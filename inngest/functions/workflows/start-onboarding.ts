import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * employee.created -> an onboarding for a new hire (hire date recent or ahead), whoever added
 * them: a person, a CSV import or an HR sync. Its due dates count from the hire date. Nothing
 * starts while the employee has an open onboarding; idempotent through the trigger event.
 */
export const startOnboardingFunction = tenantFunction(
  { id: "start-onboarding", name: "Start onboarding for a new hire", event: "employee.created", retries: 5 },
  async ({ event, step, inTenant }) =>
    step.run("start-onboarding", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "onboarding_new_hire",
          employeeId: event.entity.id,
          triggerEventId: event.id,
        }),
      ),
    ),
);

export const startOnboardingFn = createTenantFunction(inngest, startOnboardingFunction);

/**
 * asset.assigned to someone hired recently -> an onboarding, unless one is open (the usual case
 * when they were added as a new hire): people added before the rule, or without a hire date then.
 */
export const startOnboardingOnAssignmentFunction = tenantFunction(
  {
    id: "start-onboarding-on-assignment",
    name: "Start onboarding on a new hire's first equipment",
    event: "asset.assigned",
    retries: 5,
  },
  async ({ event, step, inTenant }) =>
    step.run("start-onboarding", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "onboarding_first_asset",
          employeeId: event.data.employeeId,
          triggerEventId: event.id,
        }),
      ),
    ),
);

export const startOnboardingOnAssignmentFn = createTenantFunction(
  inngest,
  startOnboardingOnAssignmentFunction,
);
