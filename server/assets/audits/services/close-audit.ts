import type { EventName } from "@/inngest/events";
import type { TenantScope } from "../../../context";
import { type EventInput, emit, emitMany } from "../../../events/emit";
import { assertOpen, expectedAssets, liveCounts, lockAudit } from "../queries";
import { AuditIdInput, type AuditSummary } from "../schemas";

/**
 * Closes an audit; later scans are refused. Every asset found gets an "audit" history entry with
 * an asset.audited event. Each missing asset gets its own asset.reported_missing event rather than
 * only a line in the summary: it then shows on that asset's timeline and an automation (an
 * incident workflow, a notification to its holder) can react to it per asset. The counts and the
 * missing list are kept in the audit's summary, with one asset_audit.closed event for the audit.
 */
export async function closeAudit(scope: TenantScope, raw: { auditId: string }) {
  const input = AuditIdInput.parse(raw);
  const audit = await lockAudit(scope.db, scope.tenantId, input.auditId);
  assertOpen(audit);
  const counts = await liveCounts(scope.db, scope.tenantId, audit.id, audit.location_id);
  const found = await scope.db
    .selectFrom("asset_audit_scans as s")
    .innerJoin("assets", "assets.id", "s.asset_id")
    .select(["assets.id", "assets.tag", "assets.location_id"])
    .where("s.tenant_id", "=", scope.tenantId)
    .where("s.audit_id", "=", audit.id)
    .where("s.result", "=", "found")
    .execute();
  const missing = await expectedAssets(scope.db, scope.tenantId, audit.location_id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("asset_audit_scans as s")
            .select("s.id")
            .where("s.audit_id", "=", audit.id)
            .whereRef("s.asset_id", "=", "assets.id"),
        ),
      ),
    )
    .leftJoin("locations", "locations.id", "assets.location_id")
    .select(["assets.id", "assets.tag", "assets.name", "locations.name as location"])
    .orderBy("assets.tag")
    .execute();

  const events: Array<EventInput<EventName>> = [
    ...found.map((asset) => ({
      name: "asset.audited" as const,
      entityId: asset.id,
      data: { tag: asset.tag, auditId: audit.id, outcome: "found" as const },
    })),
    ...missing.map((asset) => ({
      name: "asset.reported_missing" as const,
      entityId: asset.id,
      data: { tag: asset.tag, auditId: audit.id, locationId: audit.location_id },
    })),
  ];
  const emitted = await emitMany(scope, events);
  const note = `Seen during the audit of ${audit.location_name}.`;
  for (let start = 0; start < found.length; start += 1000) {
    await scope.db
      .insertInto("asset_transactions")
      .values(
        found.slice(start, start + 1000).map((asset, index) => ({
          tenant_id: scope.tenantId,
          asset_id: asset.id,
          type: "audit",
          to_location_id: asset.location_id,
          notes: note,
          actor_id: scope.actor.id,
          actor_label: scope.actor.label,
          event_id: emitted[start + index]?.id ?? null,
          data: JSON.stringify({ auditId: audit.id, outcome: "found" }),
        })),
      )
      .execute();
  }

  const summary: AuditSummary = {
    ...counts,
    missingAssets: missing.map((asset) => ({
      id: asset.id,
      tag: asset.tag,
      name: asset.name,
      location: asset.location,
    })),
    closedBy: scope.actor.label,
  };
  await scope.db
    .updateTable("asset_audits")
    .set({ status: "closed", closed_at: new Date(), summary: JSON.stringify(summary) })
    .where("id", "=", audit.id)
    .execute();
  await emit(scope, {
    name: "asset_audit.closed",
    entityId: audit.id,
    data: { locationId: audit.location_id, locationName: audit.location_name, ...counts },
  });
  return counts;
}
