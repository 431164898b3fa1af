import { changeAssetStatus } from "../../assets/services/change-asset-status";
import { returnAsset } from "../../assets/services/return-asset";
import type { UserScope } from "../../context";
import { heldAsset } from "../queries";
import type { ProblemKind, ReportProblemInput } from "../schemas";
import { myEmployee } from "./my-employee";

const problemWords: Record<ProblemKind, string> = {
  lost: "Reported lost",
  stolen: "Reported stolen",
  damaged: "Reported damaged",
};

/**
 * The signed-in employee reports an asset they hold as lost, stolen or damaged, through the same
 * services IT staff use, so the events the incident and repair workflows start from are the usual
 * ones, with the holder's description as the change's note:
 * - lost or stolen: changeAssetStatus (asset.status_changed; the assignment ends, the holder stays
 *   in history);
 * - damaged: the lifecycle sends an assigned asset to repair only through a return, so it is
 *   returned damaged into repair (asset.returned with toStatus "In repair").
 */
export async function reportProblem(scope: UserScope, input: ReportProblemInput) {
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  const asset = await heldAsset(scope.db, scope.tenantId, me.id, input.assetId);
  const notes = `${problemWords[input.kind]} by ${me.name}: ${input.description}`;
  if (input.kind === "damaged")
    return returnAsset(scope, { assetId: asset.id, condition: "damaged", toKind: "in_repair", notes });
  return changeAssetStatus(scope, { assetId: asset.id, kind: input.kind, notes });
}
