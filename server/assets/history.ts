import type { EventData, EventName } from "@/inngest/events";
import type { TenantScope } from "../context";
import { emit } from "../events/emit";
import type { TransactionType } from "./lifecycle";

export type HistoryEntry = {
  assetId: string;
  type: TransactionType;
  fromStatusId?: string | null;
  toStatusId?: string | null;
  fromEmployeeId?: string | null;
  toEmployeeId?: string | null;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  condition?: string | null;
  notes?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Writes an asset's history entry and its event in the caller's transaction: the change, the
 * entry and the event commit together or not at all.
 */
export async function recordAssetChange<N extends EventName>(
  scope: TenantScope,
  entry: HistoryEntry,
  event: { name: N; data: EventData<N> },
): Promise<{ transactionId: string; eventId: string }> {
  const emitted = await emit(scope, {
    name: event.name,
    entityId: entry.assetId,
    data: event.data,
  });
  const row = await scope.db
    .insertInto("asset_transactions")
    .values({
      tenant_id: scope.tenantId,
      asset_id: entry.assetId,
      type: entry.type,
      from_status_id: entry.fromStatusId ?? null,
      to_status_id: entry.toStatusId ?? null,
      from_employee_id: entry.fromEmployeeId ?? null,
      to_employee_id: entry.toEmployeeId ?? null,
      from_location_id: entry.fromLocationId ?? null,
      to_location_id: entry.toLocationId ?? null,
      condition: entry.condition ?? null,
      notes: entry.notes ?? null,
      actor_id: scope.actor.id,
      actor_label: scope.actor.label,
      event_id: emitted.id,
      data: JSON.stringify(entry.data ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { transactionId: row.id, eventId: emitted.id };
}
