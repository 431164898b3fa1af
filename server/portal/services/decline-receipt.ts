import type { UserScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { heldAsset } from "../queries";
import type { DeclineReceiptInput } from "../schemas";
import { myEmployee } from "./my-employee";

/**
 * The signed-in employee refuses an asset they were given (wrong model, damaged on arrival, not
 * theirs), with a reason: recorded on the assignment and told to IT staff through
 * asset.receipt_declined. The asset stays assigned until IT staff act on it.
 */
export async function declineReceipt(scope: UserScope, input: DeclineReceiptInput) {
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  const asset = await heldAsset(scope.db, scope.tenantId, me.id, input.assetId);
  if (!asset.assignmentId)
    throw new AppError("CONFLICT", `${asset.tag} has no recorded hand-over to you; ask IT to reassign it.`);
  if (asset.receiptStatus) throw new AppError("CONFLICT", `You already ${asset.receiptStatus} ${asset.tag}.`);
  await scope.db
    .insertInto("asset_receipts")
    .values({
      tenant_id: scope.tenantId,
      asset_id: asset.id,
      employee_id: me.id,
      assignment_id: asset.assignmentId,
      user_id: scope.user.id,
      status: "declined",
      decline_reason: input.reason,
    })
    .execute();
  await emit(scope, {
    name: "asset.receipt_declined",
    entityId: asset.id,
    data: { tag: asset.tag, employeeId: me.id, reason: input.reason },
  });
  return { assetId: asset.id, tag: asset.tag };
}
