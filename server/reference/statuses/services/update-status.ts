import { kindLabels } from "../../../assets/lifecycle";
import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { changesBetween } from "../../../events/changes";
import { emit } from "../../../events/emit";
import { refuseDuplicateOnRace } from "../../conflicts";
import { countAssetsWithStatus, findStatusByLabel, lockStatus } from "../queries";
import type { UpdateStatusInput } from "../schemas";
import { currentDefault } from "./set-default-status";

/**
 * Relabels or recolors a status, or maps it to another kind. The kind of a default status, or of
 * one that assets use, stays: their lifecycle depends on it.
 */
export async function updateStatus(scope: TenantScope, input: UpdateStatusInput) {
  const { db, tenantId } = scope;
  const status = await lockStatus(db, tenantId, input.id);
  if (!status) throw new AppError("NOT_FOUND", "That status does not exist here; it may have been deleted.");
  const changes = changesBetween(
    { label: status.label, kind: status.kind, color: status.color },
    { label: input.label, kind: input.kind, color: input.color },
  );
  if (Object.keys(changes).length === 0) return { id: status.id, label: status.label, kind: status.kind };
  const label = input.label ?? status.label;
  const kind = input.kind ?? status.kind;
  if (changes.label) {
    const taken = await findStatusByLabel(db, tenantId, label);
    if (taken && taken.id !== status.id) {
      throw new AppError("CONFLICT", `A status named ${taken.label} already exists.`, {
        existingId: taken.id,
        existingName: taken.label,
      });
    }
  }
  let isDefault = status.is_default;
  if (changes.kind) {
    if (status.is_default) {
      throw new AppError(
        "UNPROCESSABLE",
        `${status.label} is the default ${kindLabels[status.kind].toLowerCase()} status; make another status the default before changing its kind.`,
      );
    }
    const inUse = await countAssetsWithStatus(db, tenantId, status.id);
    if (inUse > 0) {
      throw new AppError(
        "UNPROCESSABLE",
        `${status.label} is used by ${inUse} ${inUse === 1 ? "asset" : "assets"}; its kind cannot change. Create a new status instead.`,
      );
    }
    isDefault = !(await currentDefault(db, tenantId, kind)) && status.archived_at === null;
  }
  await refuseDuplicateOnRace(
    db
      .updateTable("statuses")
      .set({ label, kind, color: input.color ?? status.color, is_default: isDefault })
      .where("tenant_id", "=", tenantId)
      .where("id", "=", status.id)
      .execute(),
    `A status named ${label} was just created. Choose another label.`,
  );
  await emit(scope, {
    name: "status.updated",
    entityId: status.id,
    data: { label, changes },
  });
  return { id: status.id, label, kind };
}
