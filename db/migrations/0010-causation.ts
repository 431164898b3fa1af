import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Causation (issue 8): every event records why it happened.
 *
 * - `correlation_id`: the root of the event's chain. An event from a person's request (or an agent,
 *   or a schedule) starts a chain and is its own root; an event emitted while a function handled
 *   another event carries that event's root.
 * - `caused_by`: the event whose handling emitted this one (null for a root), with the function
 *   and run that handled it (`cause_function_id`, `cause_run_id`).
 *
 * The four are covered by the hash when present; events written before have none (null) and keep
 * verifying, since the hash leaves absent fields out.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table events
       add column caused_by uuid,
       add column correlation_id uuid,
       add column cause_function_id text,
       add column cause_run_id text`,
    // "open the whole chain": every event of one root, in order
    `create index events_correlation_idx on events (tenant_id, correlation_id, seq)
       where correlation_id is not null`,
  ]);
}
