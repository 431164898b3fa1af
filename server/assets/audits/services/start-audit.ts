import type { TenantContext } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { assertSelectable } from "../../../reference/selectable";
import { StartAuditInput } from "../schemas";

/**
 * Opens a physical audit of a location: every asset there or below it is expected. One open audit
 * per location at a time, so two people counting the same room do not split the scans.
 */
export async function startAudit(ctx: TenantContext, raw: StartAuditInput) {
  const input = StartAuditInput.parse(raw);
  const location = await assertSelectable(ctx.db, ctx.tenantId, "locations", input.locationId, "location");
  await ctx.db
    .selectFrom("locations")
    .select("id")
    .where("tenant_id", "=", ctx.tenantId)
    .where("id", "=", location.id)
    .forUpdate()
    .execute();
  const open = await ctx.db
    .selectFrom("asset_audits")
    .select("id")
    .where("tenant_id", "=", ctx.tenantId)
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
  const audit = await ctx.db
    .insertInto("asset_audits")
    .values({ tenant_id: ctx.tenantId, location_id: location.id, started_by: ctx.user.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  await emit(ctx.db, {
    tenantId: ctx.tenantId,
    name: "asset_audit.started",
    actor: ctx.actor,
    entityId: audit.id,
    data: { locationId: location.id, locationName: location.name },
  });
  return { id: audit.id };
}
