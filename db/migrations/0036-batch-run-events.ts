import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * A batch run (batchEvents: offboardings, asset-assigned notifications) is triggered by every
 * event of its batch, not only the first in `trigger_event_id`: the audit trail's causal chain
 * finds it by any of them through `trigger_events @> '[{"id": ...}]'`, which this index serves.
 * Only batch runs are indexed; a plain run's `trigger_events` is null.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create index automation_runs_batch_events_idx on automation_runs
       using gin (trigger_events jsonb_path_ops) where batch_key is not null`,
  ]);
}
