import { type SqlBool, sql } from "kysely";
import type { Executor } from "../../db";

/** The days before a warranty ends at which IT staff are told: first at 30, again at 7. */
export const warrantyThresholds = [30, 7] as const;
export type WarrantyThreshold = (typeof warrantyThresholds)[number];

/**
 * The threshold an asset's warranty is due to be told at on `today` (YYYY-MM-DD): 7 when it ends
 * within a week, 30 within a month. A day the check did not run is caught up on the next: an end
 * date within the window, not only exactly 30 or 7 days away, is due.
 */
const thresholdOf = (today: string) =>
  sql<WarrantyThreshold>`case when a.warranty_end <= ${today}::date + 7 then 7 else 30 end`;

/** Assets still in use (not retired or disposed of) whose warranty ends from `today` to a month on. */
const inWindow = (today: string) =>
  sql<SqlBool>`a.warranty_end between ${today}::date and ${today}::date + 30
    and s.kind not in ('retired', 'disposed')`;

/** Not yet told at the threshold due for this warranty end. */
const notYetTold = (today: string) =>
  sql<SqlBool>`not exists (
    select 1 from warranty_notices n
     where n.tenant_id = a.tenant_id and n.asset_id = a.id
       and n.warranty_end = a.warranty_end and n.threshold_days = ${thresholdOf(today)})`;

/**
 * The tenants with at least one warranty due to be told on `today`: the daily check's one query
 * across tenants (on the platform connection), then one step per tenant.
 */
export async function tenantsWithWarrantiesDue(db: Executor, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom("assets as a")
    .innerJoin("statuses as s", "s.id", "a.status_id")
    .select("a.tenant_id as tenantId")
    .distinct()
    .where(inWindow(today))
    .where(notYetTold(today))
    .execute();
  return rows.map((row) => row.tenantId);
}

export type WarrantyDue = {
  id: string;
  tag: string;
  name: string;
  warrantyEnd: string;
  thresholdDays: WarrantyThreshold;
};

/**
 * Records every warranty of the tenant due to be told on `today` as told, in one statement however
 * many there are, and returns those it recorded (ending soonest first): a concurrent or repeated
 * check records, and so returns, each one once.
 */
export async function recordWarrantiesDue(db: Executor, tenantId: string, today: string) {
  const { rows } = await sql<WarrantyDue>`
    with due as (
      select a.id, a.tag, a.name, a.warranty_end, ${thresholdOf(today)} as threshold_days
        from assets a
        join statuses s on s.id = a.status_id
       where a.tenant_id = ${tenantId}::uuid and ${inWindow(today)} and ${notYetTold(today)}
    ), recorded as (
      insert into warranty_notices (tenant_id, asset_id, warranty_end, threshold_days)
      select ${tenantId}::uuid, id, warranty_end, threshold_days from due
      on conflict do nothing
      returning asset_id, threshold_days
    )
    select due.id, due.tag, due.name, to_char(due.warranty_end, 'YYYY-MM-DD') as "warrantyEnd",
           due.threshold_days as "thresholdDays"
      from due
      join recorded on recorded.asset_id = due.id and recorded.threshold_days = due.threshold_days
     order by due.warranty_end, lower(due.tag)`.execute(db);
  return rows;
}
