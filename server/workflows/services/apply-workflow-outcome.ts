import { changeAssetStatus } from "../../assets/services/change-asset-status";
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
  kind: "in_stock" | "retired" | "lost",
  notes: string,
) {
  if ((await statusKindOf(scope, assetId)) === kind) return null;
  return changeAssetStatus(scope, { assetId, kind, notes });
}

/**
 * An offboarding completed with the leaver still holding assets: each is flagged unreturned. Its
 * return step was skipped (the reason is kept) or it was handed over after the offboarding began,
 * so nobody checked it back in; an IT team must not find it silently "in stock" on a shelf where
 * it is not. It becomes lost, which ends the assignment while its history keeps the leaver and
 * says why ("Not returned by ... "), and the incident rule starts the search for it. Assets whose
 * return step was completed were returned by that step.
 */
async function flagUnreturned(scope: TenantScope, workflow: CompletedWorkflow, employeeId: string) {
  const held = await scope.db
    .selectFrom("assets")
    .innerJoin("employees", "employees.id", "assets.employee_id")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .leftJoin("workflow_steps as s", (join) =>
      join
        .onRef("s.asset_id", "=", "assets.id")
        .onRef("s.tenant_id", "=", "assets.tenant_id")
        .on("s.workflow_id", "=", workflow.workflowId)
        .on("s.action", "=", "return_asset"),
    )
    .select(["assets.id", "employees.display_name as leaver", "s.status as stepStatus", "s.reason"])
    .where("assets.tenant_id", "=", scope.tenantId)
    .where("assets.employee_id", "=", employeeId)
    // Still out with them: an asset they hold in another state (sent to repair) is not missing.
    .where("statuses.kind", "=", "assigned")
    .orderBy("assets.tag")
    .execute();
  const changed = [];
  for (const asset of held) {
    const why =
      asset.stepStatus === "skipped"
        ? `its return step was skipped: ${asset.reason ?? "no reason given"}`
        : "it was not part of the offboarding's returns";
    const notes = `Not returned by ${asset.leaver ?? "the leaver"} when their offboarding completed (${why}).`;
    changed.push(await setAssetKind(scope, asset.id, "lost", notes));
  }
  return changed.filter(Boolean);
}

/**
 * What a completed workflow changes, through the asset services the UI uses; each change is
 * skipped when already made, so a retried run changes nothing twice. Returns what it changed.
 * - repair: the asset is back in stock;
 * - incident: found -> in stock, confirmed lost -> retired;
 * - procurement: the asset it names, still on order, is received into stock;
 * - offboarding: whatever the leaver still holds is flagged unreturned (flagUnreturned).
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
  if (workflow.kind === "procurement" && workflow.assetId) {
    // Received: only an asset still on order; one already in stock or handed out stays as it is.
    if ((await statusKindOf(scope, workflow.assetId)) !== "on_order") return { changed: [] };
    return { changed: [await setAssetKind(scope, workflow.assetId, "in_stock", notes)].filter(Boolean) };
  }
  if (workflow.kind === "offboarding" && workflow.employeeId) {
    const changed = await flagUnreturned(scope, workflow, workflow.employeeId);
    // Seats still held (a revoke step skipped, or assigned after the offboarding started) are freed too.
    const { revoked } = await revokeEmployeeLicenses(scope, {
      employeeId: workflow.employeeId,
      reason: notes,
    });
    return { changed, licensesRevoked: revoked };
  }
  return { changed: [] };
}
