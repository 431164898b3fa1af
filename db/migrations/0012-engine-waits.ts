import { enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * What a parked run of the embedded engine waits for, persisted so a restart keeps it
 * (inngest/engine/waits.ts): an event (`step.waitForEvent`, matched when events are dispatched)
 * or the end of a run it invoked (`step.invoke`). The step itself is an automation_steps row
 * that completes at the timeout with the timeout's result (null, or the invoke timeout error);
 * a match completes it earlier with the event or the invoked run's result.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table automation_waits (
       id bigint generated always as identity primary key,
       tenant_id uuid not null,
       run_id uuid not null references automation_runs(id) on delete cascade,
       step_id text not null,
       kind text not null check (kind in ('event', 'invoke')),
       -- waitForEvent: the awaited event and its CEL expression over event (the run's trigger) and async
       event_name text,
       expression text,
       -- invoke: the run started for the invoked function
       invoked_run_id uuid references automation_runs(id) on delete cascade,
       expires_at timestamptz not null,
       created_at timestamptz not null default now(),
       check ((kind = 'event') = (event_name is not null)),
       check ((kind = 'invoke') = (invoked_run_id is not null))
     )`,
    // one wait per step of a run
    `create unique index automation_waits_run_step_key on automation_waits (run_id, step_id)`,
    // each dispatched event looks up the waits for its name
    `create index automation_waits_event_idx on automation_waits (event_name, expires_at)
       where kind = 'event'`,
    // a finished run resolves the step that invoked it
    `create unique index automation_waits_invoked_key on automation_waits (invoked_run_id)
       where invoked_run_id is not null`,
  ]);
  // Engine-only state: platform access, no grant to the app role.
  await enableTenantRls(db, ["automation_waits"]);
}
