import { type EventListRow, eventColumns, toItem } from "../audit/queries";
import type { AuditEventItem } from "../audit/schemas";
import type { Executor } from "../db";

/**
 * A person's history, newest first: the events about their employee record, every event whose
 * data names them (their equipment assigned, returned, transferred; their workflows and licences)
 * and every event about equipment they held at the time (edited, maintained, lost, reported
 * missing: migration 0027 records the holder). Each is a short walk of an index ending in seq desc (events_entity_idx; event_employee_refs, see
 * migration 0014), merged here, so the cost is two ranges of `limit` rows however many events the
 * tenant holds.
 */
export async function listEmployeeTimeline(
  db: Executor,
  tenantId: string,
  employeeId: string,
  limit: number,
): Promise<AuditEventItem[]> {
  const own = await db
    .selectFrom("events")
    .select(eventColumns)
    .where("tenant_id", "=", tenantId)
    .where("entity_type", "=", "employee")
    .where("entity_id", "=", employeeId)
    .orderBy("seq", "desc")
    .limit(limit)
    .execute();
  const referring = await db
    .selectFrom("event_employee_refs as ref")
    .innerJoin("events", (join) =>
      join.onRef("events.tenant_id", "=", "ref.tenant_id").onRef("events.seq", "=", "ref.seq"),
    )
    .select(eventColumns.map((column) => `events.${column}` as const))
    .where("ref.tenant_id", "=", tenantId)
    .where("ref.employee_id", "=", employeeId)
    .orderBy("ref.seq", "desc")
    .limit(limit)
    .execute();
  const rows = [...own, ...referring];
  return newestUnique(rows, limit).map(toItem);
}

function newestUnique(rows: EventListRow[], limit: number): EventListRow[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...byId.values()].sort((a, b) => b.seq - a.seq).slice(0, limit);
}
