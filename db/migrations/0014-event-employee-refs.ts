import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Which events name which employee in their data, so a person's history holds their equipment's
 * events too: an asset assigned to them (`employeeId`), returned by them, passed from one person
 * to another (`fromEmployeeId`, `toEmployeeId`); workflows and licences carry `employeeId` as well.
 *
 * A table, not an expression index on events: under row-level security the planner may not use an
 * index on `data->>'employeeId'` (the `->>` operator is not leakproof, so it must run after the
 * tenant policy), and a person's history would walk the tenant's whole log. Here the newest
 * references of one person are one short range of the primary key, then a lookup by seq, however
 * many events the tenant holds. A trigger fills it as events are written (emit and emitMany alike),
 * in the same transaction, so it cannot disagree with the log; existing events are backfilled.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table event_employee_refs (
       tenant_id uuid not null,
       employee_id text not null,
       seq bigint not null,
       primary key (tenant_id, employee_id, seq)
     )`,
    `create function app_record_event_employee_refs() returns trigger language plpgsql as $$
     begin
       insert into event_employee_refs (tenant_id, employee_id, seq)
       select new.tenant_id, ref, new.seq
       from unnest(array[new.data->>'employeeId', new.data->>'fromEmployeeId', new.data->>'toEmployeeId']) as ref
       where ref is not null
       on conflict do nothing;
       return null;
     end $$`,
    `create trigger events_employee_refs after insert on events
       for each row when (new.data ?| array['employeeId', 'fromEmployeeId', 'toEmployeeId'])
       execute function app_record_event_employee_refs()`,
    `insert into event_employee_refs (tenant_id, employee_id, seq)
       select tenant_id, ref, seq
       from events, unnest(array[data->>'employeeId', data->>'fromEmployeeId', data->>'toEmployeeId']) as ref
       where ref is not null
       on conflict do nothing`,
    `grant select, insert on event_employee_refs to ${APP_ROLE}`,
  ]);
  await enableTenantRls(db, ["event_employee_refs"]);
}
