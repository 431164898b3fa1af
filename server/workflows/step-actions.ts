import { changeAssetStatus } from "../assets/services/change-asset-status";
import { recordMaintenance } from "../assets/services/record-maintenance";
import { returnAsset } from "../assets/services/return-asset";
import type { TenantScope } from "../context";
import { AppError } from "../errors";
import type { StepAction } from "./schemas";

type ActionStep = { title: string; action: StepAction; assetId: string | null; notes: string | null };

/**
 * A step's completion action, done through the same asset services the UI calls, in the step's
 * transaction: the asset's history names who completed the step. An asset already where the action
 * would put it (returned by hand meanwhile) is left as it is.
 */
export async function runStepAction(scope: TenantScope, step: ActionStep) {
  if (!step.assetId) {
    throw new AppError("UNPROCESSABLE", `"${step.title}" acts on an asset, and this workflow has none.`);
  }
  const notes = step.notes ?? `Workflow step: ${step.title}`;
  const holder = await scope.db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .select(["assets.employee_id", "statuses.kind"])
    .where("assets.tenant_id", "=", scope.tenantId)
    .where("assets.id", "=", step.assetId)
    .executeTakeFirstOrThrow();
  switch (step.action) {
    case "return_asset":
      if (holder.employee_id === null) return;
      await returnAsset(scope, { assetId: step.assetId, condition: "good", toKind: "in_stock", notes });
      return;
    case "mark_asset_in_stock":
      if (holder.kind === "in_stock") return;
      await changeAssetStatus(scope, { assetId: step.assetId, kind: "in_stock", notes });
      return;
    case "record_maintenance":
      await recordMaintenance(scope, {
        assetId: step.assetId,
        performedOn: new Date().toISOString().slice(0, 10),
        notes,
      });
      return;
  }
}
