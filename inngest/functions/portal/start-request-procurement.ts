import { startRequestProcurement } from "@/server/portal/requests/services/start-request-procurement";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * equipment_request.approved -> the procurement workflow for the employee (approve the purchase,
 * order, receive and tag), linked from the request. Idempotent through the trigger event.
 */
export const startRequestProcurementFunction = tenantFunction(
  {
    id: "start-request-procurement",
    name: "Start procurement for an approved request",
    event: "equipment_request.approved",
    retries: 5,
  },
  async ({ event, step, inTenant }) =>
    step.run("start-procurement", () =>
      inTenant((scope) =>
        startRequestProcurement(scope, {
          requestId: event.entity.id,
          employeeId: event.data.employeeId,
          triggerEventId: event.id,
        }),
      ),
    ),
);

export const startRequestProcurementFn = createTenantFunction(inngest, startRequestProcurementFunction);
