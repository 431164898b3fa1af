import { changeAssetStatus } from "../../assets/services/change-asset-status";
import { returnAsset } from "../../assets/services/return-asset";
import type { TenantScope } from "../../context";
import { revokeEmployeeLicenses } from "../../licenses/services/revoke-employee-licenses";

type CompletedWorkflow = {
  workflowId: string;
  kind: string;
  outcome: string | null;
  employeeId: string | null;
  assetId: string | null;
};

async function statusKindOf(scope: TenantScope, assetId: string) {
  const row = await scope.db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .select("statuses.kind")
    .where("assets.tenant_id", "=", scope.tenantId)
    .where("assets.id", "=", assetId)
    .executeTakeFirstOrThrow();
  return row.kind;
}

/** Moves the asset to `kind` unless it is there already (a retry, or someone did it by hand). */
async function setAssetKind(
  scope: TenantScope,
  assetId: string,
  kind: "in_stock" | "retired",
  notes: string,
) {
  if ((await statusKindOf(scope, assetId)) === kind) return null;
  return changeAssetStatus(scope, { assetId, kind, notes });
}

/**
 * What a completed workflow changes, through the asset services the UI uses; each change is
 * skipped when already made, so a retried run changes nothing twice. Returns what it changed.
 */
export async function applyWorkflowOutcome(scope: TenantScope, workflow: CompletedWorkflow) {
  const notes = `${workflow.kind} workflow completed${workflow.outcome ? ` (${workflow.outcome})` : ""}`;
  if (workflow.kind === "repair" && workflow.assetId) {
    return { changed: [await setAssetKind(scope, workflow.assetId, "in_stock", notes)].filter(Boolean) };
  }
  if (workflow.kind === "incident" && workflow.assetId) {
    const target =
      workflow.outcome === "confirmed_lost" ? "retired" : workflow.outcome === "found" ? "in_stock" : null;
    if (!target) return { changed: [] };
    return { changed: [await setAssetKind(scope, workflow.assetId, target, notes)].filter(Boolean) };
  }
  if (workflow.kind === "offboarding" && workflow.employeeId) {
    const held = await scope.db
      .selectFrom("assets")
      .select("id")
      .where("tenant_id", "=", scope.tenantId)
      .where("employee_id", "=", workflow.employeeId)
      .orderBy("tag")
      .execute();
    const changed = [];
    for (const asset of held) {
      changed.push(
        await returnAsset(scope, { assetId: asset.id, condition: "good", toKind: "in_stock", notes }),
      );
    }
    // Seats still held (a revoke step skipped, or assigned after the offboarding started) are freed too.
    const { revoked } = await revokeEmployeeLicenses(scope, {
      employeeId: workflow.employeeId,
      reason: notes,
    });
    return { changed, licensesRevoked: revoked };
  }
  return { changed: [] };
}
