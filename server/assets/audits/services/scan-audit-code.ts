import { actingUserId, type TenantScope } from "../../../context";
import type { Executor } from "../../../db";
import { assetIdHasCode } from "../../code-lookup";
import { assertOpen, inSubtree, lockAudit } from "../queries";
import { ScanAuditCodeInput, type ScanResult } from "../schemas";
import { moveScannedAsset } from "./move-scanned-asset";

const assetUrl = /\/assets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/?#]|$)/i;

/** The asset a scanned code names: its label's QR link, its tag or its serial number (any case). */
async function findAsset(db: Executor, tenantId: string, code: string) {
  const id = assetUrl.exec(code)?.[1];
  const lower = code.toLowerCase();
  return db
    .selectFrom("assets")
    .leftJoin("locations", "locations.id", "assets.location_id")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .select([
      "assets.id",
      "assets.tag",
      "assets.name",
      "assets.location_id",
      "locations.name as location",
      "statuses.kind",
    ])
    .where("assets.tenant_id", "=", tenantId)
    .where((eb) => (id ? eb("assets.id", "=", id) : assetIdHasCode(code)))
    .orderBy((eb) => eb(eb.fn("lower", ["assets.tag"]), "=", lower), "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * Records one scan (barcode scanner, camera or typed) in an open audit: found (expected here),
 * unexpected (an asset that belongs elsewhere; moved here when asked), or unknown (no such asset).
 * Scanning the same asset or unknown code again is reported as a duplicate and not recorded.
 */
export async function scanAuditCode(scope: TenantScope, raw: ScanAuditCodeInput): Promise<ScanResult> {
  const input = ScanAuditCodeInput.parse(raw);
  const audit = await lockAudit(scope.db, scope.tenantId, input.auditId);
  assertOpen(audit);
  const asset = await findAsset(scope.db, scope.tenantId, input.code);
  const previous = await scope.db
    .selectFrom("asset_audit_scans")
    .select("result")
    .where("tenant_id", "=", scope.tenantId)
    .where("audit_id", "=", audit.id)
    .where((eb) =>
      asset
        ? eb("asset_id", "=", asset.id)
        : eb.and([eb("asset_id", "is", null), eb(eb.fn("lower", ["code"]), "=", input.code.toLowerCase())]),
    )
    .executeTakeFirst();
  const view = asset ? { id: asset.id, tag: asset.tag, name: asset.name, location: asset.location } : null;
  if (previous) {
    return {
      outcome: "duplicate",
      previous: previous.result as "found" | "unexpected" | "unknown",
      asset: view,
      moved: false,
      message: `${asset?.tag ?? input.code} was already scanned in this audit; it is counted once.`,
    };
  }
  // A disposed asset is expected nowhere (queries.ts): finding one is worth flagging, not counting.
  const disposed = asset?.kind === "disposed";
  const here =
    !disposed &&
    asset?.location_id != null &&
    (await scope.db
      .selectFrom("locations")
      .select("id")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", asset.location_id)
      .where(inSubtree(audit.location_id, "locations.id"))
      .executeTakeFirst()) !== undefined;
  const result = !asset ? "unknown" : here ? "found" : "unexpected";
  await scope.db
    .insertInto("asset_audit_scans")
    .values({
      tenant_id: scope.tenantId,
      audit_id: audit.id,
      asset_id: asset?.id ?? null,
      code: input.code,
      result,
      scanned_by: actingUserId(scope.actor),
    })
    .execute();
  if (!asset || !view) {
    return {
      outcome: "unknown",
      previous: null,
      asset: null,
      moved: false,
      message: `No asset has the tag or serial ${input.code}.`,
    };
  }
  if (result === "found") {
    return { outcome: "found", previous: null, asset: view, moved: false, message: `${asset.tag} found.` };
  }
  if (disposed) {
    return {
      outcome: "unexpected",
      previous: null,
      asset: view,
      moved: false,
      message: `${asset.tag} is recorded as disposed of, yet it was found here; check its status.`,
    };
  }
  const elsewhere = asset.location ? `it belongs to ${asset.location}` : "it has no location";
  if (input.moveUnexpected) {
    await moveScannedAsset(scope, { auditId: audit.id, assetId: asset.id });
    return {
      outcome: "unexpected",
      previous: null,
      asset: { ...view, location: audit.location_name },
      moved: true,
      message: `${asset.tag} was not expected here (${elsewhere}); moved to ${audit.location_name}.`,
    };
  }
  return {
    outcome: "unexpected",
    previous: null,
    asset: view,
    moved: false,
    message: `${asset.tag} was not expected here: ${elsewhere}.`,
  };
}
