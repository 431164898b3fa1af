import { APP_ROLE, enableTenantRls, type MigrationDb, platformPolicy, runStatements } from "../sql-helpers";

/**
 * The embedded automation engine (inngest/engine): function runs, their memoized steps and cron
 * schedule state, so runs, sleeps and retries survive a restart and several replicas can share
 * the work (leases claimed with `for update skip locked`).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // One run of one function for one triggering event. Cron runs belong to no tenant and carry
    // the nil uuid, so tenant admins never see them through RLS.
    `create table automation_runs (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null,
       function_id text not null,
       trigger_event_id text not null,
       trigger_event_name text not null,
       trigger_event jsonb not null,
       status text not null default 'queued'
         check (status in ('queued', 'running', 'sleeping', 'completed', 'failed', 'cancelled')),
       -- attempt of the current step (or of the function body), 0-based as the SDK counts it;
       -- back to 0 once a step's result is memoized
       attempt integer not null default 0 check (attempt >= 0),
       max_attempts integer not null check (max_attempts >= 1),
       -- resolved from the function's concurrency key when the run is created; null = no limit
       concurrency_key text,
       next_run_at timestamptz not null default now(),
       locked_until timestamptz,
       locked_by text,
       output jsonb,
       error jsonb,
       created_at timestamptz not null default now(),
       started_at timestamptz,
       finished_at timestamptz,
       updated_at timestamptz not null default now(),
       -- one event never starts a function twice, however often it is delivered
       constraint automation_runs_function_event_key unique (function_id, trigger_event_id)
     )`,
    // the executor claims due, unfinished runs across tenants, earliest first
    `create index automation_runs_due_idx on automation_runs (next_run_at)
       where status in ('queued', 'running', 'sleeping')`,
    // concurrency limit: count the leased runs of one function and key
    `create index automation_runs_concurrency_idx on automation_runs (function_id, concurrency_key)
       where locked_until is not null`,
    // Settings -> Automation: a tenant's runs, newest first
    `create index automation_runs_tenant_created_idx on automation_runs (tenant_id, created_at desc)`,
    // Settings -> Automation filtered by status (failed runs to retry)
    `create index automation_runs_tenant_status_idx on automation_runs (tenant_id, status, created_at desc)`,
    // Settings -> Automation filtered by function
    `create index automation_runs_tenant_function_idx on automation_runs (tenant_id, function_id, created_at desc)`,
    `create trigger automation_runs_updated_at before update on automation_runs
       for each row execute function app_touch_updated_at()`,

    // Memoized step results, replayed to the function on every call (the SDK's step state).
    // A retried run discards its failed steps (discarded_at) instead of deleting them, so the
    // history of what failed stays visible.
    `create table automation_steps (
       id bigint generated always as identity primary key,
       tenant_id uuid not null,
       run_id uuid not null references automation_runs(id) on delete cascade,
       step_id text not null,
       name text not null,
       op text not null,
       data jsonb,
       error jsonb,
       attempts integer not null default 1,
       wake_at timestamptz,
       discarded_at timestamptz,
       created_at timestamptz not null default now(),
       completed_at timestamptz
     )`,
    // the step state of a run, in the order results were recorded; one live result per step
    `create unique index automation_steps_run_step_key on automation_steps (tenant_id, run_id, step_id)
       where discarded_at is null`,
    // run detail page: every step of a run, discarded ones included, in order
    `create index automation_steps_run_idx on automation_steps (tenant_id, run_id, id)`,

    // Platform table: the next fire time of each cron trigger, shared by all replicas.
    `create table automation_crons (
       function_id text not null,
       cron text not null,
       next_fire_at timestamptz not null,
       last_fired_at timestamptz,
       primary key (function_id, cron)
     )`,
    // the scheduler picks due cron triggers
    `create index automation_crons_due_idx on automation_crons (next_fire_at)`,
  ]);

  await enableTenantRls(db, ["automation_runs", "automation_steps"]);
  await runStatements(db, [
    // admins read their tenant's runs; retrying a failed run re-queues it and discards its failed steps
    `grant select, update on automation_runs, automation_steps to ${APP_ROLE}`,
    // automation_crons is a platform table: no grant, and RLS with no app-role policy.
    `alter table automation_crons enable row level security`,
    `alter table automation_crons force row level security`,
    ...platformPolicy("automation_crons"),
  ]);
}
