import type { StatusKind } from "../../assets/lifecycle";
import type { Executor } from "../../db";
import type { ListOptions } from "../schemas";
import { usageCounts } from "../usage-counts";
import type { StatusListItem } from "./schemas";

export async function listStatuses(
  db: Executor,
  tenantId: string,
  options: ListOptions,
): Promise<StatusListItem[]> {
  const rows = await db
    .selectFrom("statuses")
    .leftJoin(usageCounts(db, tenantId, "assets", "status_id", "usage"), "usage.status_id", "statuses.id")
    .select(["id", "label", "kind", "color", "is_default", "archived_at", "usage.count"])
    .where("tenant_id", "=", tenantId)
    .$if(!options.includeArchived, (qb) => qb.where("archived_at", "is", null))
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    kind: row.kind as StatusKind,
    color: row.color,
    isDefault: row.is_default,
    archivedAt: row.archived_at,
    assetCount: Number(row.count ?? 0),
  }));
}

/** A status of the tenant, locked for the rest of the transaction. */
export async function lockStatus(db: Executor, tenantId: string, id: string) {
  const status = await db
    .selectFrom("statuses")
    .select(["id", "label", "kind", "color", "is_default", "archived_at"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return status ? { ...status, kind: status.kind as StatusKind } : undefined;
}

export async function countAssetsWithStatus(
  db: Executor,
  tenantId: string,
  statusId: string,
): Promise<number> {
  const row = await db
    .selectFrom("assets")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("status_id", "=", statusId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Another status with the same label, whatever its case (labels are unique per tenant). */
export async function findStatusByLabel(db: Executor, tenantId: string, label: string) {
  return db
    .selectFrom("statuses")
    .select(["id", "label"])
    .where("tenant_id", "=", tenantId)
    .where((eb) => eb(eb.fn("lower", ["label"]), "=", label.toLowerCase()))
    .executeTakeFirst();
}
