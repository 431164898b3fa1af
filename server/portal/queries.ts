import { sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";

/** The employee record linked to a sign-in account, if any: who "me" is in the portal. */
export async function linkedEmployee(db: Executor, tenantId: string, userId: string) {
  return db
    .selectFrom("employees")
    .select((eb) => [
      "id",
      eb.fn<string>("concat_ws", [sql.lit(" "), "first_name", "last_name"]).as("name"),
      "work_email as email",
      "status",
    ])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/**
 * The assets an employee holds now, each with the assignment that gave it to them (the latest
 * history entry naming them as receiver: since when) and that assignment's receipt, if answered.
 * `employeeId` always comes from the session (linkedEmployee), never from the caller.
 */
function heldAssetsQuery(db: Executor, tenantId: string, employeeId: string) {
  return db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .innerJoin("categories", "categories.id", "assets.category_id")
    .leftJoin("asset_models", "asset_models.id", "assets.model_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("asset_transactions")
          .select(["asset_transactions.id", "asset_transactions.occurred_at"])
          .where("asset_transactions.tenant_id", "=", tenantId)
          .whereRef("asset_transactions.asset_id", "=", "assets.id")
          .where("asset_transactions.to_employee_id", "=", employeeId)
          .orderBy("asset_transactions.occurred_at", "desc")
          .limit(1)
          .as("assignment"),
      (join) => join.onTrue(),
    )
    .leftJoin("asset_receipts", (join) =>
      join
        .onRef("asset_receipts.assignment_id", "=", "assignment.id")
        .on("asset_receipts.tenant_id", "=", tenantId),
    )
    .select([
      "assets.id",
      "assets.tag",
      "assets.name",
      "assets.serial",
      "assets.category_id as categoryId",
      "categories.name as category",
      "asset_models.name as model",
      "statuses.label as status",
      "assets.expected_return_at as expectedReturnAt",
      "assignment.id as assignmentId",
      "assignment.occurred_at as since",
      "asset_receipts.status as receiptStatus",
      "asset_receipts.decided_at as receiptDecidedAt",
      "asset_receipts.asset_file_id as receiptFileId",
    ])
    .where("assets.tenant_id", "=", tenantId)
    .where("assets.employee_id", "=", employeeId);
}

export async function heldAssets(db: Executor, tenantId: string, employeeId: string) {
  return heldAssetsQuery(db, tenantId, employeeId).orderBy("assignment.occurred_at", "desc").execute();
}

export type HeldAsset = Awaited<ReturnType<typeof heldAssets>>[number];

/** One asset the employee holds now; anything else (another's, returned, unknown) is not found. */
export async function heldAsset(db: Executor, tenantId: string, employeeId: string, assetId: string) {
  const row = await heldAssetsQuery(db, tenantId, employeeId)
    .where("assets.id", "=", assetId)
    .executeTakeFirst();
  if (!row)
    throw new AppError("NOT_FOUND", "You do not hold this asset. It may have been returned or reassigned.");
  return row;
}

/**
 * The receipt of an asset's current assignment, for IT staff: pending (no answer yet), accepted
 * (who, when, how, from where, under which terms, the PDF) or declined (and why).
 */
export async function currentReceiptOf(db: Executor, tenantId: string, assetId: string) {
  const asset = await db
    .selectFrom("assets")
    .leftJoin("employees", "employees.id", "assets.employee_id")
    .select(["assets.id", "assets.employee_id", "employees.display_name as holder"])
    .where("assets.tenant_id", "=", tenantId)
    .where("assets.id", "=", assetId)
    .executeTakeFirst();
  if (!asset) throw new AppError("NOT_FOUND", "This asset does not exist.");
  if (!asset.employee_id) return { state: "unassigned" as const };
  const held = await heldAssetsQuery(db, tenantId, asset.employee_id)
    .where("assets.id", "=", assetId)
    .executeTakeFirst();
  if (!held?.assignmentId) return { state: "unassigned" as const };
  const receipt = await db
    .selectFrom("asset_receipts")
    .leftJoin("equipment_terms", "equipment_terms.id", "asset_receipts.terms_id")
    .select([
      "asset_receipts.status",
      "asset_receipts.signer_name as signerName",
      "asset_receipts.signature_method as signatureMethod",
      "asset_receipts.ip_address as ipAddress",
      "asset_receipts.user_agent as userAgent",
      "asset_receipts.decline_reason as declineReason",
      "asset_receipts.asset_file_id as fileId",
      "asset_receipts.decided_at as decidedAt",
      "equipment_terms.version as termsVersion",
    ])
    .where("asset_receipts.tenant_id", "=", tenantId)
    .where("asset_receipts.assignment_id", "=", held.assignmentId)
    .executeTakeFirst();
  return {
    state: receipt ? (receipt.status as "accepted" | "declined") : ("pending" as const),
    holder: asset.holder ?? "",
    since: held.since,
    receipt: receipt ?? null,
  };
}
