import { actingUserId, type TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { assertSelectable } from "../../../reference/selectable";
import { StartAuditInput } from "../schemas";

/**
 * Opens a physical audit of a location: every asset there or below it is expected. One open audit
 * per location at a time, so two people counting the same room do not split the scans.
 */
export async function startAudit(scope: TenantScope, raw: StartAuditInput) {
  const input = StartAuditInput.parse(raw);
  const location = await assertSelectable(
    scope.db,
    scope.tenantId,
    "locations",
    input.locationId,
    "location",
  );
  await scope.db
    .selectFrom("locations")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", location.id)
    .forUpdate()
    .execute();
  const open = await scope.db
    .selectFrom("asset_audits")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("location_id", "=", location.id)
    .where("status", "=", "open")
    .executeTakeFirst();
  if (open) {
    throw new AppError(
      "CONFLICT",
      `${location.name} already has an open audit; continue that one or close it first.`,
      {
        auditId: open.id,
      },
    );
  }
  const audit = await scope.db
    .insertInto("asset_audits")
    .values({ tenant_id: scope.tenantId, location_id: location.id, started_by: actingUserId(scope.actor) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "asset_audit.started",
    entityId: audit.id,
    data: { locationId: location.id, locationName: location.name },
  });
  return { id: audit.id };
}
