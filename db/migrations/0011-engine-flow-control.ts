import { type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * Flow control in the embedded engine (issue 9), with Inngest's semantics. Keys are CEL
 * expressions evaluated on the triggering event when the run is queued, and stored on the run so
 * a claim or a dispatch can find its peers with an index instead of re-evaluating anything.
 *
 * - `skipped`: a run that rateLimit, idempotency or a singleton in skip mode did not start. It is
 *   recorded (with the reason in `error`) so Settings -> Automation shows why nothing ran, and its
 *   (function, event) row keeps a redelivered event from starting it after all.
 * - `concurrency_keys`: one group per concurrency limit ("fn:<function>:<key>", or
 *   "env:<key>"/"account:<key>" shared by every function with that scope and key value); it
 *   replaces the single `concurrency_key`.
 * - `throttle_key`, `rate_limit_key`, `idempotency_key`, `singleton_key`: the run's key for each.
 * - `debounce_key`/`debounce_until`: a queued run still collecting events; each new event replaces
 *   its trigger and moves its start, never past `debounce_until` (the debounce timeout).
 * - `batch_key`/`trigger_events`: a queued run collecting a batch (`events` in the call).
 * - `start_deadline`: timeouts.start; a run not started by then is cancelled.
 * - automation_throttles: each throttle key's GCRA state (its theoretical arrival time).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table automation_runs drop constraint automation_runs_status_check`,
    `alter table automation_runs add constraint automation_runs_status_check
       check (status in ('queued', 'running', 'sleeping', 'completed', 'failed', 'cancelled', 'skipped'))`,
    `alter table automation_runs
       add column concurrency_keys text[],
       add column throttle_key text,
       add column rate_limit_key text,
       add column idempotency_key text,
       add column singleton_key text,
       add column debounce_key text,
       add column debounce_until timestamptz,
       add column batch_key text,
       add column trigger_events jsonb,
       add column start_deadline timestamptz`,
    `update automation_runs set concurrency_keys = array['fn:' || function_id || ':' || concurrency_key]
       where concurrency_key is not null`,
    `drop index automation_runs_concurrency_idx`,
    `alter table automation_runs drop column concurrency_key`,
    // concurrency limit: the leased runs of one group; runs without a limit never enter it
    `create index automation_runs_concurrency_idx on automation_runs using gin (concurrency_keys)
       where locked_until is not null and concurrency_keys is not null`,
    // rateLimit: runs of one function and key started (not skipped) within the period
    `create index automation_runs_rate_limit_idx on automation_runs (function_id, rate_limit_key, created_at)
       where rate_limit_key is not null and status <> 'skipped'`,
    // idempotency: one run per function and key in 24 hours
    `create index automation_runs_idempotency_idx on automation_runs (function_id, idempotency_key, created_at)
       where idempotency_key is not null and status <> 'skipped'`,
    // singleton: the unfinished run of one function and key
    `create index automation_runs_singleton_idx on automation_runs (function_id, singleton_key)
       where singleton_key is not null and status in ('queued', 'running', 'sleeping')`,
    // debounce and batchEvents: the open (queued, never started) run collecting events for a key
    `create index automation_runs_debounce_idx on automation_runs (function_id, debounce_key)
       where debounce_key is not null and status = 'queued' and started_at is null`,
    `create index automation_runs_batch_idx on automation_runs (function_id, batch_key)
       where batch_key is not null and status = 'queued' and started_at is null`,
    // timeouts.start: queued runs that may expire before they start
    `create index automation_runs_start_deadline_idx on automation_runs (start_deadline)
       where start_deadline is not null and status = 'queued' and started_at is null`,

    // Platform table: the GCRA state of each throttle key, shared by all replicas.
    `create table automation_throttles (
       function_id text not null,
       key text not null,
       -- the theoretical arrival time: the next run may start once now() >= tat - tolerance
       tat timestamptz not null,
       primary key (function_id, key)
     )`,
    `alter table automation_throttles enable row level security`,
    `alter table automation_throttles force row level security`,
    ...platformPolicy("automation_throttles"),
  ]);
}
