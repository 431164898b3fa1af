import type { UserScope } from "../../context";
import { AppError } from "../../errors";
import { type HeldAsset, heldAsset, heldAssets, linkedEmployee } from "../queries";
import type { MyAssetInput, MyHeldAsset } from "../schemas";
import { termsFor } from "../terms";
import { myEmployee } from "./my-employee";

function toMyAsset(row: HeldAsset): MyHeldAsset {
  return {
    id: row.id,
    tag: row.tag,
    name: row.name,
    serial: row.serial,
    category: row.category,
    model: row.model,
    status: row.status,
    expectedReturnAt: row.expectedReturnAt,
    since: row.since,
    receiptStatus: (row.receiptStatus as MyHeldAsset["receiptStatus"]) ?? null,
    receiptDecidedAt: row.receiptDecidedAt,
    canAnswerReceipt: row.assignmentId !== null && row.receiptStatus === null,
  };
}

/**
 * The portal's home for the signed-in person: their employee record (null when the account is
 * linked to none, which the page explains) and what they hold now.
 */
export async function myEquipment(scope: UserScope) {
  const employee = await linkedEmployee(scope.db, scope.tenantId, scope.user.id);
  if (!employee) return { employee: null, assets: [] };
  const rows = await heldAssets(scope.db, scope.tenantId, employee.id);
  return { employee, assets: rows.map(toMyAsset) };
}

/** One asset the signed-in person holds, with the terms they would accept it under. */
export async function myAsset(scope: UserScope, input: MyAssetInput) {
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  const row = await heldAsset(scope.db, scope.tenantId, me.id, input.assetId);
  const terms = await termsFor(scope.db, scope.tenantId, row.categoryId);
  return { ...toMyAsset(row), terms: { version: terms.version, body: terms.body } };
}

/**
 * The signed copy of my receipt for an asset I hold (the copy attached to my employee record): the
 * portal's download, since the files routes are for staff.
 */
export async function myReceiptFile(scope: UserScope, assetId: string) {
  const me = await myEmployee(scope.db, scope.tenantId, scope.user.id);
  const asset = await heldAsset(scope.db, scope.tenantId, me.id, assetId);
  const file = asset.assignmentId
    ? await scope.db
        .selectFrom("asset_receipts")
        .innerJoin("files", "files.id", "asset_receipts.employee_file_id")
        .select(["files.name", "files.content_type", "files.storage", "files.storage_key"])
        .where("asset_receipts.tenant_id", "=", scope.tenantId)
        .where("asset_receipts.assignment_id", "=", asset.assignmentId)
        .where("files.status", "=", "attached")
        .executeTakeFirst()
    : undefined;
  if (!file) throw new AppError("NOT_FOUND", `There is no signed receipt for ${asset.tag} yet.`);
  return file;
}
