import { changeAssetStatus } from "../assets/services/change-asset-status";
import { recordMaintenance } from "../assets/services/record-maintenance";
import { returnAsset } from "../assets/services/return-asset";
import type { TenantScope } from "../context";
import { AppError } from "../errors";
import { lockActiveAssignment } from "../licenses/queries";
import { revokeEmployeeLicenses } from "../licenses/services/revoke-employee-licenses";
import { revokeLicense } from "../licenses/services/revoke-license";
import type { StepAction } from "./schemas";

type ActionStep = {
  title: string;
  action: StepAction;
  assetId: string | null;
  licenseId: string | null;
  /** The workflow's employee (offboarding: the leaver). */
  employeeId: string | null;
  notes: string | null;
};

/**
 * A step's completion action, done through the same services the UI calls, in the step's
 * transaction: the asset's history (or the licence's) names who completed the step. An asset
 * already where the action would put it (returned by hand meanwhile), or a seat already revoked,
 * is left as it is.
 */
export async function runStepAction(scope: TenantScope, step: ActionStep) {
  const notes = step.notes ?? `Workflow step: ${step.title}`;
  switch (step.action) {
    case "revoke_license":
      return revokeStepLicense(scope, step, notes);
    case "revoke_licenses": {
      const employeeId = requireEmployee(step);
      await revokeEmployeeLicenses(scope, { employeeId, reason: notes });
      return;
    }
    default:
      return runAssetAction(scope, step, notes);
  }
}

function requireEmployee(step: ActionStep): string {
  if (!step.employeeId) {
    throw new AppError(
      "UNPROCESSABLE",
      `"${step.title}" acts on an employee's licences, and this workflow has no employee.`,
    );
  }
  return step.employeeId;
}

async function revokeStepLicense(scope: TenantScope, step: ActionStep, reason: string) {
  const employeeId = requireEmployee(step);
  if (!step.licenseId) {
    throw new AppError("UNPROCESSABLE", `"${step.title}" revokes a licence, and this step names none.`);
  }
  if (!(await lockActiveAssignment(scope.db, scope.tenantId, step.licenseId, employeeId))) return;
  await revokeLicense(scope, { licenseId: step.licenseId, employeeId, reason });
}

async function runAssetAction(scope: TenantScope, step: ActionStep, notes: string) {
  if (!step.assetId) {
    throw new AppError("UNPROCESSABLE", `"${step.title}" acts on an asset, and this workflow has none.`);
  }
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
