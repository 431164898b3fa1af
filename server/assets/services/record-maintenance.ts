import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { isFutureDay } from "../../schemas/calendar";
import { assertDatePairs, type DatePair } from "../../schemas/date-pairs";
import { recordAssetChange } from "../history";
import { lockAsset } from "../queries";
import type { RecordMaintenanceInput } from "../schemas";

/** Maintenance cannot have been done on an asset before it was bought. */
const maintenanceDatePairs: ReadonlyArray<DatePair<"purchaseDate" | "performedOn">> = [
  {
    earlier: { field: "purchaseDate", label: "Purchase date" },
    later: { field: "performedOn", label: "Maintenance date" },
  },
];

/**
 * Records maintenance done on an asset and moves its last-maintenance date forward. The date may
 * be today in the viewer's zone (input.timeZone), not only in UTC.
 */
export async function recordMaintenance(scope: TenantScope, input: RecordMaintenanceInput) {
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  if (asset.status_kind === "disposed")
    throw new AppError("INVALID_TRANSITION", `${asset.tag} has been disposed of; it cannot be maintained.`);
  if (isFutureDay(input.performedOn, input.timeZone)) {
    throw new AppError("BAD_REQUEST", "Maintenance cannot be recorded for a future date.", {
      field: "performedOn",
    });
  }
  assertDatePairs(
    { purchaseDate: asset.purchase_date, performedOn: input.performedOn },
    maintenanceDatePairs,
  );
  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({
      // a late entry for an older date must not move the date backwards
      last_maintenance_at: sql<string>`greatest(${eb.ref("last_maintenance_at")}, ${input.performedOn}::date)`,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version", "last_maintenance_at"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    { assetId: asset.id, type: "maintenance", notes: input.notes, data: { performedOn: input.performedOn } },
    {
      name: "asset.updated",
      data: {
        tag: asset.tag,
        changes: changesBetween(
          { last_maintenance_at: asset.last_maintenance_at },
          { last_maintenance_at: updated.last_maintenance_at },
        ),
      },
    },
  );
  return { id: updated.id, tag: updated.tag, version: updated.version, status: asset.status_label };
}
