import type { Insertable } from "kysely";
import type { AssetTransactions } from "@/db/types";
import type { Actor } from "@/inngest/events";
import type { StatusKind } from "@/server/assets/lifecycle";
import type { Trx } from "@/server/db";
import { withKeyring } from "@/server/employees/process-keyring";
import { type SensitiveValues, sealAll } from "@/server/employees/sensitive-fields";
import { type EventScope, emitMany } from "@/server/events/emit";
import type { AssetPlan, HistoryPlan, LocationName } from "./assets";
import type { StoryEvent } from "./history-events";
import type { EmployeePlan } from "./people";
import type { CatalogIds, StatusRef } from "./reference";

export type DemoIds = {
  tenantId: string;
  actor: Actor;
  user: (email: string) => string | null;
  department: (name: string) => string;
  location: (name: LocationName) => string;
  status: (kind: StatusKind) => StatusRef;
  catalog: CatalogIds;
};

/** Multi-row inserts of this many rows: well under PostgreSQL's 65,535 parameters per statement. */
const BATCH = 500;

async function inBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await insert(rows.slice(start, start + BATCH));
}

/** The people, their personal data sealed as createEmployee would (server/employees/sensitive-fields.ts). */
export async function insertEmployees(
  trx: Trx,
  ids: DemoIds,
  employees: Array<EmployeePlan & { personal: SensitiveValues }>,
): Promise<void> {
  await inBatches(employees, (batch) =>
    trx
      .insertInto("employees")
      .values(
        batch.map((employee) => ({
          id: employee.id,
          tenant_id: ids.tenantId,
          employee_number: employee.number,
          first_name: employee.firstName,
          last_name: employee.lastName,
          work_email: employee.email,
          department_id: ids.department(employee.department),
          location_id: ids.location(employee.location),
          user_id: employee.login ? ids.user(employee.login) : null,
          title: employee.title,
          hire_date: employee.hireDate,
          termination_date: employee.terminationDate,
          status: employee.status,
          ...withKeyring((keyring) => sealAll(keyring, ids.tenantId, employee.id, employee.personal)),
        })),
      )
      .execute(),
  );
}

function transactionRow(
  ids: DemoIds,
  asset: AssetPlan,
  entry: HistoryPlan,
  recorded: { eventId: string; at: Date },
): Insertable<AssetTransactions> {
  return {
    tenant_id: ids.tenantId,
    asset_id: asset.id,
    type: entry.type,
    from_status_id: entry.fromStatus ? ids.status(entry.fromStatus).id : null,
    to_status_id: entry.toStatus ? ids.status(entry.toStatus).id : null,
    from_employee_id: entry.fromEmployeeId ?? null,
    to_employee_id: entry.toEmployeeId ?? null,
    to_location_id: entry.toLocation ? ids.location(entry.toLocation) : null,
    condition: entry.condition ?? null,
    notes: entry.notes ?? null,
    actor_id: ids.actor.id,
    actor_label: ids.actor.label,
    event_id: recorded.eventId,
    data: JSON.stringify(entry.data ?? {}),
    occurred_at: recorded.at,
  };
}

/** The assets as they stand once their story is told, in multi-row inserts; recordStory writes the story. */
export async function insertAssets(trx: Trx, ids: DemoIds, assets: AssetPlan[]): Promise<void> {
  await inBatches(assets, (batch) =>
    trx
      .insertInto("assets")
      .values(
        batch.map((asset) => ({
          id: asset.id,
          tenant_id: ids.tenantId,
          tag: asset.tag,
          name: asset.name,
          serial: asset.serial,
          category_id: ids.catalog.category(asset.category),
          model_id: ids.catalog.model(asset.model.manufacturer, asset.model.name),
          status_id: ids.status(asset.status).id,
          location_id: asset.location ? ids.location(asset.location) : null,
          employee_id: asset.employeeId,
          purchase_date: asset.purchaseDate,
          cost: asset.cost,
          vendor: asset.vendor,
          order_number: asset.orderNumber,
          warranty_end: asset.warrantyEnd,
          end_of_life: asset.endOfLife,
          notes: asset.notes,
          custom_fields: JSON.stringify(asset.customFields),
          last_maintenance_at: asset.lastMaintenanceAt,
          // every change after the purchase bumped the version, as the services do
          version: asset.history.length,
          created_at: asset.createdAt,
          updated_at: asset.history.at(-1)?.at ?? new Date(),
        })),
      )
      .execute(),
  );
  await trx
    .insertInto("asset_tag_counters")
    .values({ tenant_id: ids.tenantId, next_value: assets.length + 1 })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ next_value: assets.length + 1 }))
    .execute();
}

/**
 * Tells the demo's story the way the services record changes: every history entry with its event
 * (the same event, with the same data, its service would emit), each at the time it happened, the
 * whole story in time order so the chain's seq follows time. One emitMany and multi-row inserts
 * keep it to a few round trips for thousands of entries. The past was over before the app knew
 * of it, so its deliveries are marked done (automation does not act on months-old changes, nor
 * mail about them); what happens as the demo is seeded (`now`) is delivered as usual.
 * Returns the number of history entries written.
 */
export async function recordStory(
  scope: EventScope,
  ids: DemoIds,
  story: StoryEvent[],
  now: Date,
): Promise<number> {
  const emitted = await emitMany(
    scope,
    story.map(({ event }) => event),
  );
  const entries = story.flatMap(({ event, entry }, index) => {
    const eventId = emitted[index]?.id;
    if (!entry || !eventId) return [];
    return [transactionRow(ids, entry.asset, entry.plan, { eventId, at: event.occurredAt ?? now })];
  });
  await inBatches(entries, (batch) => scope.db.insertInto("asset_transactions").values(batch).execute());
  // The story is in time order, so the past is its first events: one range of seq.
  const past = emitted.filter((_, index) => (story[index]?.event.occurredAt ?? now) < now);
  const [firstPast, lastPast] = [past[0], past.at(-1)];
  if (firstPast && lastPast) {
    await scope.db
      .updateTable("event_deliveries")
      .set({ status: "delivered", delivered_at: now })
      .where("tenant_id", "=", ids.tenantId)
      .where("status", "=", "pending")
      .where("event_id", "in", (eb) =>
        eb
          .selectFrom("events")
          .select("id")
          .where("tenant_id", "=", ids.tenantId)
          .where("seq", ">=", firstPast.seq)
          .where("seq", "<=", lastPast.seq),
      )
      .execute();
  }
  return entries.length;
}
