import type { UserScope } from "../../context";
import { type Db, withTenant } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { attachFiles } from "../../files/services/attach-files";
import { uploadFile } from "../../files/services/upload-file";
import type { FileStorage } from "../../files/storage";
import { type HeldAsset, heldAsset } from "../queries";
import { renderReceiptPdf } from "../receipt-pdf";
import type { AcceptReceiptInput } from "../schemas";
import { storedTermsFor } from "../terms";
import { myEmployee } from "./my-employee";

/** A user's scope holding no transaction: the acceptance opens short ones around the PDF upload. */
export type PortalPoolScope = Omit<UserScope, "db"> & { db: Db };

/** Where the acceptance came from, as the request showed it (server/auth/client-ip.ts). */
export type AcceptanceOrigin = { ipAddress: string; userAgent: string };

function assertAwaitingReceipt(asset: HeldAsset): asserts asset is HeldAsset & { assignmentId: string } {
  if (!asset.assignmentId)
    throw new AppError("CONFLICT", `${asset.tag} has no recorded hand-over to you; ask IT to reassign it.`);
  if (asset.receiptStatus === "accepted")
    throw new AppError("CONFLICT", `You already accepted ${asset.tag}; its signed receipt is on the asset.`);
  if (asset.receiptStatus === "declined")
    throw new AppError("CONFLICT", `You declined ${asset.tag}; IT staff will contact you about it.`);
}

/**
 * The signed-in employee accepts an asset they hold under the equipment terms of its category.
 * The PDF receipt is rendered and stored first (two pending copies, one for the asset and one for
 * the employee, since a file has one owner), then one transaction re-checks that the asset is
 * still theirs and unanswered, records the receipt (who, when, IP, user agent, terms version),
 * attaches both copies and emits asset.receipt_accepted. Should that transaction fail, the
 * copies stay pending and the files sweep removes them.
 */
export async function acceptReceipt(
  scope: PortalPoolScope,
  storage: FileStorage,
  input: AcceptReceiptInput,
  origin: AcceptanceOrigin,
) {
  const prepared = await withTenant(scope.db, scope.tenantId, async (trx) => {
    const me = await myEmployee(trx, scope.tenantId, scope.user.id);
    const asset = await heldAsset(trx, scope.tenantId, me.id, input.assetId);
    assertAwaitingReceipt(asset);
    const terms = await storedTermsFor(trx, scope.tenantId, asset.categoryId);
    return { me, asset, terms };
  });
  const { me, asset, terms } = prepared;
  const acceptedAt = new Date();
  const pdf = await renderReceiptPdf({
    organization: scope.user.tenantName,
    employee: { name: me.name, email: me.email },
    asset,
    terms,
    signerName: input.signerName,
    signature: input.signature,
    acceptedAt,
    ...origin,
  });
  const body = new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" });
  const name = `Receipt ${asset.tag} ${acceptedAt.toISOString().slice(0, 10)}.pdf`;
  const assetCopy = await uploadFile(scope, storage, { purpose: "receipt", name, body });
  const employeeCopy = await uploadFile(scope, storage, { purpose: "receipt", name, body });

  return withTenant(scope.db, scope.tenantId, async (trx) => {
    const txScope = { ...scope, db: trx };
    const current = await heldAsset(trx, scope.tenantId, me.id, input.assetId);
    assertAwaitingReceipt(current);
    if (current.assignmentId !== asset.assignmentId)
      throw new AppError(
        "CONFLICT",
        `${asset.tag} was reassigned while you were signing; reload and try again.`,
      );
    await trx
      .insertInto("asset_receipts")
      .values({
        tenant_id: scope.tenantId,
        asset_id: asset.id,
        employee_id: me.id,
        assignment_id: current.assignmentId,
        user_id: scope.user.id,
        status: "accepted",
        terms_id: terms.id,
        signer_name: input.signerName,
        signature_method: input.signature ? "drawn" : "typed",
        ip_address: origin.ipAddress,
        user_agent: origin.userAgent,
        asset_file_id: assetCopy.id,
        employee_file_id: employeeCopy.id,
        decided_at: acceptedAt,
      })
      .execute();
    await attachFiles(txScope, { fileIds: [assetCopy.id], owner: { type: "asset", id: asset.id } });
    await attachFiles(txScope, { fileIds: [employeeCopy.id], owner: { type: "employee", id: me.id } });
    await emit(txScope, {
      name: "asset.receipt_accepted",
      entityId: asset.id,
      data: {
        tag: asset.tag,
        employeeId: me.id,
        termsVersion: terms.version,
        signatureMethod: input.signature ? "drawn" : "typed",
        fileId: assetCopy.id,
      },
    });
    return { assetId: asset.id, tag: asset.tag, fileId: assetCopy.id, termsVersion: terms.version };
  });
}
