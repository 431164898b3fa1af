import { sql } from "kysely";
import type { TenantContext } from "../../context";
import { AppError } from "../../errors";
import { recordAssetChange } from "../history";
import { lockAsset } from "../queries";
import type { RecordMaintenanceInput } from "../schemas";

/** Records maintenance done on an asset and moves its last-maintenance date forward. */
export async function recordMaintenance(ctx: TenantContext, input: RecordMaintenanceInput) {
  const asset = await lockAsset(ctx.db, ctx.tenantId, input.assetId);
  if (asset.status_kind === "disposed")
    throw new AppError("INVALID_TRANSITION", `${asset.tag} has been disposed of; it cannot be maintained.`);
  if (input.performedOn > new Date().toISOString().slice(0, 10)) {
    throw new AppError("BAD_REQUEST", "Maintenance cannot be recorded for a future date.");
  }
  const updated = await ctx.db
    .updateTable("assets")
    .set((eb) => ({
      // a late entry for an older date must not move the date backwards
      last_maintenance_at: sql<string>`greatest(${eb.ref("last_maintenance_at")}, ${input.performedOn}::date)`,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    ctx,
    { assetId: asset.id, type: "maintenance", notes: input.notes, data: { performedOn: input.performedOn } },
    {
      name: "asset.updated",
      data: { tag: asset.tag, changes: { last_maintenance_at: { before: null, after: input.performedOn } } },
    },
  );
  return { ...updated, status: asset.status_label };
}
