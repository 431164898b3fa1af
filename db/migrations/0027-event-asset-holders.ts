import { type MigrationDb, runStatements } from "../sql-helpers";

/** The asset events that change who holds it; each starts a new "era" of the asset. */
const HOLDER_CHANGES = `('asset.assigned', 'asset.transferred', 'asset.returned', 'asset.status_changed')`;
/** The holder an era's opening event gives the asset (a return or a status change: nobody). */
const HOLDER_AFTER = (event: string) =>
  `case ${event}.name when 'asset.assigned' then ${event}.data->>'employeeId'
                      when 'asset.transferred' then ${event}.data->>'toEmployeeId' end`;

/**
 * A person's history holds the events about the equipment they held at the time, not only the
 * events naming them: a held laptop's repair, an edit, a status change ending in "lost", being
 * reported missing.
 *
 * The trigger of migration 0014 now also records, for every event about an asset, who held the
 * asset as it happened: the holder set by the asset's latest assignment, transfer, return or
 * status change before it. An event that changes hands belongs to the holder before it (the
 * person who lost the laptop); the people it hands over to or from are named in its data already.
 * Read from the log, not from the asset's row, so it holds for history written after the fact
 * too (the demo's seeded past, written once the assets are in their final state).
 *
 * The cost to emit(): for an asset's event, one probe of a partial index holding only the
 * holder-changing events (a few per asset), inside the insert it already runs: no extra statement
 * or round trip. Events inserted by one statement (emitMany) see each other: row triggers run
 * after their statement.
 *
 * Existing events are backfilled with the same rule, in one pass over each asset's events.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create index if not exists events_asset_holder_changes_idx on events (tenant_id, entity_id, seq desc)
       where entity_type = 'asset' and name in ${HOLDER_CHANGES}`,
    `create or replace function app_record_event_employee_refs() returns trigger language plpgsql as $$
     declare
       holder text;
     begin
       if new.entity_type = 'asset' then
         select ${HOLDER_AFTER("e")} into holder
         from events e
         where e.tenant_id = new.tenant_id and e.entity_type = 'asset' and e.entity_id = new.entity_id
           and e.name in ${HOLDER_CHANGES} and e.seq < new.seq
         order by e.seq desc
         limit 1;
       end if;
       insert into event_employee_refs (tenant_id, employee_id, seq)
       select new.tenant_id, ref, new.seq
       from unnest(array[new.data->>'employeeId', new.data->>'fromEmployeeId', new.data->>'toEmployeeId', holder]) as ref
       where ref is not null
       on conflict do nothing;
       return null;
     end $$`,
    `drop trigger events_employee_refs on events`,
    `create trigger events_employee_refs after insert on events
       for each row when (new.entity_type = 'asset' or new.data ?| array['employeeId', 'fromEmployeeId', 'toEmployeeId'])
       execute function app_record_event_employee_refs()`,

    // Existing rows: the owner reads and writes them through its platform policy.
    `select set_config('app.platform', 'on', true)`,
    // Each asset event with the number of holder-changing events up to and including it (its era);
    // a holder-changing event itself is looked up in the era before it, as the trigger does.
    `with asset_events as (
       select tenant_id, entity_id, seq, name in ${HOLDER_CHANGES} as changes_holder,
              ${HOLDER_AFTER("events")} as holder_after
       from events
       where entity_type = 'asset'
     ), eras as (
       select *, count(*) filter (where changes_holder)
                   over (partition by tenant_id, entity_id order by seq) as era
       from asset_events
     )
     insert into event_employee_refs (tenant_id, employee_id, seq)
     select e.tenant_id, opening.holder_after, e.seq
     from eras e
     join eras opening
       on opening.tenant_id = e.tenant_id and opening.entity_id = e.entity_id and opening.changes_holder
      and opening.era = e.era - (case when e.changes_holder then 1 else 0 end)
     where opening.holder_after is not null
     on conflict do nothing`,
    `select set_config('app.platform', '', true)`,
  ]);
}
