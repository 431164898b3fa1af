import { kindLabels } from "../../../assets/lifecycle";
import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { refuseIfStillReferenced } from "../../conflicts";
import { countAssetsWithStatus, lockStatus } from "../queries";

/**
 * Deletes a status that is not a default and that no asset uses or used (history keeps status ids);
 * otherwise says what to do instead: archive it.
 */
export async function deleteStatus(scope: TenantScope, input: { id: string }) {
  const { db, tenantId } = scope;
  const status = await lockStatus(db, tenantId, input.id);
  if (!status) throw new AppError("NOT_FOUND", "That status does not exist here; it may have been deleted.");
  if (status.is_default) {
    throw new AppError(
      "UNPROCESSABLE",
      `${status.label} is the default ${kindLabels[status.kind].toLowerCase()} status; make another status the default before deleting it.`,
    );
  }
  const inUse = await countAssetsWithStatus(db, tenantId, status.id);
  if (inUse > 0) {
    throw new AppError(
      "CONFLICT",
      `${status.label} is used by ${inUse} ${inUse === 1 ? "asset" : "assets"}, so it cannot be deleted. Archive it instead: those assets keep it, new ones cannot choose it.`,
      { assetCount: inUse },
    );
  }
  const history = await db
    .selectFrom("asset_transactions")
    .select((eb) => eb.fn.count<string>("asset_id").distinct().as("count"))
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb.or([eb("from_status_id", "=", status.id), eb("to_status_id", "=", status.id)]))
    .executeTakeFirstOrThrow();
  const inHistory = Number(history.count);
  if (inHistory > 0) {
    throw new AppError(
      "CONFLICT",
      `${status.label} appears in the history of ${inHistory} ${inHistory === 1 ? "asset" : "assets"}, so it cannot be deleted. Archive it instead, so that history keeps its name.`,
      { historyCount: inHistory },
    );
  }
  await refuseIfStillReferenced(
    db.deleteFrom("statuses").where("tenant_id", "=", tenantId).where("id", "=", status.id).execute(),
    `${status.label} was just given to an asset, so it cannot be deleted. Archive it instead.`,
  );
  await emit(scope, {
    name: "status.deleted",
    entityId: status.id,
    data: { label: status.label, kind: status.kind },
  });
  return { id: status.id, label: status.label };
}
