import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { recordAssetChange } from "../history";
import { assertCanTransfer } from "../lifecycle";
import { assignableEmployee, lockAsset, stateOf } from "../queries";
import type { TransferAssetInput } from "../schemas";

/** Moves an assigned asset straight from one employee to another. */
export async function transferAsset(scope: TenantScope, input: TransferAssetInput) {
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  assertCanTransfer(stateOf(asset));
  if (asset.employee_id === input.toEmployeeId) {
    throw new AppError(
      "CONFLICT",
      `${asset.tag} is already held by ${asset.holder_name ?? "that employee"}.`,
    );
  }
  const employee = await assignableEmployee(scope.db, scope.tenantId, input.toEmployeeId);
  const fromEmployeeId = asset.employee_id ?? "";

  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({ employee_id: employee.id, version: eb("version", "+", 1) }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    { assetId: asset.id, type: "transfer", fromEmployeeId, toEmployeeId: employee.id, notes: input.notes },
    { name: "asset.transferred", data: { tag: asset.tag, fromEmployeeId, toEmployeeId: employee.id } },
  );
  return { ...updated, status: asset.status_label };
}
