import type { Insertable } from "kysely";
import type { AssetTransactions } from "@/db/types";
import type { Actor, EventData, EventName } from "@/inngest/events";
import type { StatusKind } from "@/server/assets/lifecycle";
import type { Trx } from "@/server/db";
import { emit } from "@/server/events/emit";
import type { AssetPlan, HistoryPlan, LocationName } from "./assets";
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

export async function insertEmployees(trx: Trx, ids: DemoIds, employees: EmployeePlan[]): Promise<void> {
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
        })),
      )
      .execute(),
  );
}

function transactionRow(
  ids: DemoIds,
  asset: AssetPlan,
  entry: HistoryPlan,
  recorded?: { eventId: string; at: Date },
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
    event_id: recorded?.eventId ?? null,
    data: JSON.stringify(entry.data ?? {}),
    occurred_at: recorded?.at ?? entry.at ?? new Date(),
  };
}

/**
 * The assets and their past history in multi-row inserts. Entries that happen as the demo is seeded
 * (at: null) are left for recordHappening, which writes each with its event. Returns the number
 * of history entries written.
 */
export async function insertAssets(trx: Trx, ids: DemoIds, assets: AssetPlan[]): Promise<number> {
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
  const past = assets.flatMap((asset) =>
    asset.history.filter((entry) => entry.at !== null).map((entry) => transactionRow(ids, asset, entry)),
  );
  await inBatches(past, (batch) => trx.insertInto("asset_transactions").values(batch).execute());
  await trx
    .insertInto("asset_tag_counters")
    .values({ tenant_id: ids.tenantId, next_value: assets.length + 1 })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ next_value: assets.length + 1 }))
    .execute();
  return past.length;
}

/** Emits one event in the seed's transaction, as the demo's actor. */
export function emitDemoEvent<N extends EventName>(
  trx: Trx,
  ids: DemoIds,
  name: N,
  entityId: string,
  data: EventData<N>,
) {
  return emit(trx, { tenantId: ids.tenantId, name, actor: ids.actor, entityId, data });
}

/**
 * Something that happens as the demo is seeded: the asset's last history entry, written with
 * its event like the lifecycle services do, so the audit log and the timeline agree.
 */
export async function recordHappening<N extends EventName>(
  trx: Trx,
  ids: DemoIds,
  asset: AssetPlan,
  event: { name: N; data: EventData<N> },
): Promise<void> {
  const entry = asset.history.at(-1);
  if (!entry || entry.at !== null) throw new Error(`${asset.tag} has nothing happening now`);
  const { id } = await emitDemoEvent(trx, ids, event.name, asset.id, event.data);
  await trx
    .insertInto("asset_transactions")
    .values(transactionRow(ids, asset, entry, { eventId: id, at: new Date() }))
    .execute();
}
