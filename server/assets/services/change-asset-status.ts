import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { recordAssetChange } from "../history";
import { assertCanChangeStatus, transactionTypeFor } from "../lifecycle";
import { defaultStatusOf, lockAsset, selectableStatus, stateOf } from "../queries";
import type { ChangeAssetStatusInput } from "../schemas";

/**
 * Repair, lost, stolen, found, retired, disposed, received: any status the lifecycle allows from
 * where the asset is. Losing an assigned asset ends the assignment (the holder is kept in history).
 */
export async function changeAssetStatus(scope: TenantScope, input: ChangeAssetStatusInput) {
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  const status = input.statusId
    ? await selectableStatus(scope.db, scope.tenantId, input.statusId)
    : await defaultStatusOf(scope.db, scope.tenantId, input.kind ?? "in_stock").then((s) => ({
        ...s,
        kind: input.kind ?? "in_stock",
      }));
  assertCanChangeStatus(stateOf(asset), status.kind);
  if (status.id === asset.status_id)
    return { id: asset.id, tag: asset.tag, version: asset.version, status: status.label };

  const endsAssignment = status.kind !== "assigned" && asset.employee_id !== null;
  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({
      status_id: status.id,
      ...(endsAssignment ? { employee_id: null, expected_return_at: null } : {}),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    {
      assetId: asset.id,
      type: transactionTypeFor(asset.status_kind, status.kind),
      fromStatusId: asset.status_id,
      toStatusId: status.id,
      fromEmployeeId: endsAssignment ? asset.employee_id : null,
      notes: input.notes,
    },
    {
      name: "asset.status_changed",
      data: {
        tag: asset.tag,
        from: asset.status_label,
        to: status.label,
        kind: status.kind,
        ...(input.notes ? { notes: input.notes } : {}),
      },
    },
  );
  // Retirement is also its own event, so automations can react to it without parsing statuses.
  if (status.kind === "retired" || status.kind === "disposed") {
    await emit(scope, {
      name: "asset.retired",
      entityId: asset.id,
      data: { tag: asset.tag, disposed: status.kind === "disposed" },
    });
  }
  return { ...updated, status: status.label };
}
