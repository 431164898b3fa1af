import type { WorkflowRuleKey } from "@/server/workflows/rules";
import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** Which rule an asset's new status kind triggers, if any. */
const ruleForStatus: Partial<Record<string, WorkflowRuleKey>> = {
  lost: "incident",
  stolen: "incident",
  in_repair: "repair",
};

/**
 * asset.status_changed -> lost or stolen starts an incident, in repair starts a repair, as the
 * tenant's rules say. Idempotent: the event id is the workflow's trigger, so a retry or a second
 * delivery finds the first workflow.
 */
export const startAssetStatusWorkflowFunction = tenantFunction(
  {
    id: "start-asset-status-workflow",
    name: "Start a workflow for an asset's new status",
    event: "asset.status_changed",
    retries: 5,
  },
  async ({ event, step, inTenant }) => {
    const rule = ruleForStatus[event.data.kind];
    if (!rule) return { started: null };
    return step.run(`start-${rule}`, () =>
      inTenant((scope) =>
        runWorkflowRule(scope, { rule, assetId: event.entity.id, triggerEventId: event.id }),
      ),
    );
  },
);

export const startAssetStatusWorkflowFn = createTenantFunction(inngest, startAssetStatusWorkflowFunction);

/**
 * asset.returned into repair (returned damaged, by IT staff or reported by the holder in the
 * portal) -> a repair workflow, as a status change to in repair starts one. Idempotent likewise.
 */
export const startRepairOnReturnFunction = tenantFunction(
  {
    id: "start-repair-on-return",
    name: "Start a repair for an asset returned into repair",
    event: "asset.returned",
    retries: 5,
  },
  async ({ event, step, inTenant }) => {
    if (event.data.toKind !== "in_repair") return { started: null };
    return step.run("start-repair", () =>
      inTenant((scope) =>
        runWorkflowRule(scope, { rule: "repair", assetId: event.entity.id, triggerEventId: event.id }),
      ),
    );
  },
);

export const startRepairOnReturnFn = createTenantFunction(inngest, startRepairOnReturnFunction);
