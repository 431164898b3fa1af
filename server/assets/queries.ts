import type { Executor } from "../db";
import { AppError } from "../errors";
import type { StatusKind } from "./lifecycle";

/**
 * The asset with what lifecycle checks need, locked for the rest of the transaction. The row is
 * locked alone first and read with its joins after: a locking read over a join would, after
 * waiting for a concurrent change, recheck the join against the old status row and find nothing.
 */
export async function lockAsset(trx: Executor, tenantId: string, assetId: string) {
  const locked = await trx
    .selectFrom("assets")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", assetId)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw new AppError("NOT_FOUND", "That asset does not exist in this organization.");
  const asset = await trx
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .leftJoin("employees", "employees.id", "assets.employee_id")
    .select([
      "assets.id",
      "assets.tag",
      "assets.name",
      "assets.status_id",
      "assets.employee_id",
      "assets.location_id",
      "assets.last_maintenance_at",
      "assets.purchase_date",
      "assets.version",
      "statuses.label as status_label",
      "statuses.kind as status_kind",
      "employees.display_name as holder_name",
    ])
    .where("assets.tenant_id", "=", tenantId)
    .where("assets.id", "=", assetId)
    .executeTakeFirstOrThrow();
  return { ...asset, status_kind: asset.status_kind as StatusKind };
}

export type LockedAsset = Awaited<ReturnType<typeof lockAsset>>;

export const stateOf = (asset: LockedAsset) => ({
  tag: asset.tag,
  statusLabel: asset.status_label,
  kind: asset.status_kind,
  holderName: asset.holder_name,
});

/** The tenant's default status of a kind: where lifecycle operations move an asset. */
export async function defaultStatusOf(trx: Executor, tenantId: string, kind: StatusKind) {
  const status = await trx
    .selectFrom("statuses")
    .select(["id", "label", "kind"])
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("archived_at", "is", null)
    .orderBy("is_default", "desc")
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (!status) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `There is no status of kind "${kind}". Add one in Settings → Statuses.`,
    );
  }
  return status;
}

/** A status chosen by id: it must be one of the tenant's, and not archived. */
export async function selectableStatus(trx: Executor, tenantId: string, statusId: string) {
  const status = await trx
    .selectFrom("statuses")
    .select(["id", "label", "kind", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", statusId)
    .executeTakeFirst();
  if (!status)
    throw new AppError(
      "UNPROCESSABLE",
      "That status does not exist in this organization. Pick one of your statuses.",
    );
  if (status.archived_at)
    throw new AppError("UNPROCESSABLE", `Status ${status.label} is archived; choose another.`);
  return { ...status, kind: status.kind as StatusKind };
}

/** An employee who can receive an asset. */
export async function assignableEmployee(trx: Executor, tenantId: string, employeeId: string) {
  const employee = await trx
    .selectFrom("employees")
    .select(["id", "display_name", "status", "termination_date"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", employeeId)
    .executeTakeFirst();
  if (!employee) throw new AppError("NOT_FOUND", "That employee does not exist in this organization.");
  if (employee.status === "terminated") {
    throw new AppError(
      "INVALID_TRANSITION",
      `${employee.display_name} has left the organization; assets cannot be assigned to them.`,
    );
  }
  return employee;
}
