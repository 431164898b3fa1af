import { accessReviewFields } from "@/server/workflows/rules";
import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * employee.updated changing a manager, title or department (by hand or by an HR sync) -> an
 * access review, unless one is open for them: five quick edits start one review. Which changes
 * count is the tenant's rule setting; idempotent through the trigger event.
 */
export const startAccessReviewFunction = tenantFunction(
  { id: "start-access-review", name: "Start an access review", event: "employee.updated", retries: 5 },
  async ({ event, step, inTenant }) => {
    const changedFields = Object.keys(event.data.changes).filter((field) =>
      (accessReviewFields as readonly string[]).includes(field),
    );
    if (changedFields.length === 0) return { started: null };
    return step.run("start-access-review", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "access_review",
          employeeId: event.entity.id,
          changedFields,
          triggerEventId: event.id,
        }),
      ),
    );
  },
);

export const startAccessReviewFn = createTenantFunction(inngest, startAccessReviewFunction);
