import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { assertSelectable } from "../../reference/selectable";
import { recordAssetChange } from "../history";
import { lockAsset } from "../queries";
import type { MoveAssetInput } from "../schemas";

/**
 * Records that an asset now sits at another location (a shelf reorganised, a box shipped to an
 * office). Its status and holder do not change.
 *
 * There is no "move" transaction type, and the history enum is deliberately not widened for it:
 * the change is an `asset.updated` event whose `changes.location_id` carries the before/after ids
 * (as an edit of the location field would), plus an `asset_transactions` row of type
 * `status_change` with the status unchanged, from/to location ids and `data.move = true`, so the
 * asset's history shows where it went and who moved it.
 */
export async function moveAsset(scope: TenantScope, input: MoveAssetInput) {
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  if (asset.status_kind === "disposed")
    throw new AppError("INVALID_TRANSITION", `${asset.tag} has been disposed of; it cannot be moved.`);
  const location = await assertSelectable(
    scope.db,
    scope.tenantId,
    "locations",
    input.locationId,
    "location",
  );
  if (asset.location_id === location.id)
    return { id: asset.id, tag: asset.tag, version: asset.version, status: asset.status_label };

  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({ location_id: location.id, version: eb("version", "+", 1) }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    {
      assetId: asset.id,
      type: "status_change",
      fromStatusId: asset.status_id,
      toStatusId: asset.status_id,
      fromLocationId: asset.location_id,
      toLocationId: location.id,
      notes: input.notes,
      data: { move: true },
    },
    {
      name: "asset.updated",
      data: {
        tag: asset.tag,
        changes: changesBetween({ location_id: asset.location_id }, { location_id: location.id }),
      },
    },
  );
  return { ...updated, status: asset.status_label };
}
