import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { recordAssetChange } from "../../history";
import { lockAsset } from "../../queries";
import { assertOpen, lockAudit } from "../queries";
import { MoveScannedAssetInput } from "../schemas";

/**
 * An asset scanned where it was not expected is moved to the audited location: its location
 * changes, and its history gets an "audit" entry from the old location to the new one.
 */
export async function moveScannedAsset(scope: TenantScope, raw: MoveScannedAssetInput) {
  const input = MoveScannedAssetInput.parse(raw);
  const audit = await lockAudit(scope.db, scope.tenantId, input.auditId);
  assertOpen(audit);
  const scan = await scope.db
    .selectFrom("asset_audit_scans")
    .select("result")
    .where("tenant_id", "=", scope.tenantId)
    .where("audit_id", "=", audit.id)
    .where("asset_id", "=", input.assetId)
    .executeTakeFirst();
  if (scan?.result !== "unexpected") {
    throw new AppError(
      "CONFLICT",
      "Only an asset scanned here but expected elsewhere can be moved by the audit.",
    );
  }
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  if (asset.location_id === audit.location_id) return { moved: false, tag: asset.tag };
  await scope.db
    .updateTable("assets")
    .set((eb) => ({ location_id: audit.location_id, version: eb("version", "+", 1) }))
    .where("id", "=", asset.id)
    .execute();
  await recordAssetChange(
    scope,
    {
      assetId: asset.id,
      type: "audit",
      fromLocationId: asset.location_id,
      toLocationId: audit.location_id,
      notes: `Found during the audit of ${audit.location_name} and moved there.`,
      data: { auditId: audit.id, outcome: "relocated" },
    },
    {
      name: "asset.audited",
      data: { tag: asset.tag, auditId: audit.id, outcome: "relocated", fromLocationId: asset.location_id },
    },
  );
  return { moved: true, tag: asset.tag };
}
