import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/**
 * asset.returned in working order -> an equipment return (inspect, wipe, restock). A return into
 * repair starts a repair instead (start-repair-on-return). Idempotent through the trigger event.
 */
export const startEquipmentReturnFunction = tenantFunction(
  { id: "start-equipment-return", name: "Start an equipment return", event: "asset.returned", retries: 5 },
  async ({ event, step, inTenant }) => {
    if (event.data.toKind === "in_repair") return { started: null };
    return step.run("start-equipment-return", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "equipment_return",
          assetId: event.entity.id,
          employeeId: event.data.employeeId,
          triggerEventId: event.id,
        }),
      ),
    );
  },
);

export const startEquipmentReturnFn = createTenantFunction(inngest, startEquipmentReturnFunction);

/** asset.transferred to another person -> its new holder confirms receipt. */
export const startTransferVerificationFunction = tenantFunction(
  {
    id: "start-transfer-verification",
    name: "Start a transfer verification",
    event: "asset.transferred",
    retries: 5,
  },
  async ({ event, step, inTenant }) =>
    step.run("start-transfer-verification", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "transfer_verification",
          assetId: event.entity.id,
          employeeId: event.data.toEmployeeId,
          triggerEventId: event.id,
        }),
      ),
    ),
);

export const startTransferVerificationFn = createTenantFunction(inngest, startTransferVerificationFunction);

/** asset.updated moving it to another location -> a transfer verification, like a change of holder. */
export const startLocationTransferVerificationFunction = tenantFunction(
  {
    id: "start-location-transfer-verification",
    name: "Start a transfer verification for a move",
    event: "asset.updated",
    retries: 5,
  },
  async ({ event, step, inTenant }) => {
    const moved = event.data.changes.location_id;
    if (!moved?.after || moved.before === moved.after) return { started: null };
    return step.run("start-transfer-verification", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, {
          rule: "transfer_verification",
          assetId: event.entity.id,
          triggerEventId: event.id,
        }),
      ),
    );
  },
);

export const startLocationTransferVerificationFn = createTenantFunction(
  inngest,
  startLocationTransferVerificationFunction,
);
