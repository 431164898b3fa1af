import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Dead letters of the relay (cloud mode): an event Inngest refuses on its own (a payload it
 * cannot take) is set aside as `dead` with its error instead of being resent forever and holding
 * back the events claimed with it. `dead_at` says when; an admin's retry puts it back to pending.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table event_deliveries drop constraint event_deliveries_status_check`,
    `alter table event_deliveries
       add constraint event_deliveries_status_check check (status in ('pending', 'delivered', 'dead')),
       add column dead_at timestamptz`,
    // Settings -> Automation lists a tenant's dead letters, newest first
    `create index event_deliveries_dead_idx on event_deliveries (tenant_id, dead_at desc) where status = 'dead'`,
  ]);
}
