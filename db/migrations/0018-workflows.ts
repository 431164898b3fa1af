import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Workflows (issue 13): templates of ordered steps, and the instances people and automation run.
 *
 * - A template's steps live in `workflow_template_versions` (jsonb, validated by
 *   server/workflows/schemas.ts): editing a template adds a version, and a running workflow keeps
 *   the version it started from. `workflow_templates.current_version` is the one new workflows use.
 * - A workflow copies its steps into `workflow_steps` when it starts (assignees resolved, due dates
 *   computed), so what a person sees and acts on never changes under them.
 * - `trigger_event_id`: the event that made automation start it. Unique per (tenant, kind,
 *   trigger event), so the same event handled twice (a retry, a redelivery) starts one workflow.
 * - Overdue is derived from `due_at` (and the status), never stored; `overdue_notified_at` only
 *   records that the deadline sweep reported a step overdue, so it does so once.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table workflow_templates (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       kind text not null,
       name text not null check (length(name) between 1 and 120),
       description text not null default '',
       is_default boolean not null default false,
       current_version integer not null default 1 check (current_version >= 1),
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now()
     )`,
    // automation starts the tenant's default template of a kind
    `create unique index workflow_templates_default_key on workflow_templates (tenant_id, kind) where is_default`,
    `create table workflow_template_versions (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       template_id uuid not null references workflow_templates(id) on delete cascade,
       version integer not null check (version >= 1),
       steps jsonb not null check (jsonb_typeof(steps) = 'array' and jsonb_array_length(steps) > 0),
       created_at timestamptz not null default now()
     )`,
    `create unique index workflow_template_versions_key on workflow_template_versions (tenant_id, template_id, version)`,
    `create table workflows (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       template_id uuid not null references workflow_templates(id),
       template_version_id uuid not null references workflow_template_versions(id),
       kind text not null,
       title text not null,
       employee_id uuid references employees(id),
       asset_id uuid references assets(id),
       status text not null default 'pending'
         check (status in ('pending', 'in_progress', 'blocked', 'completed', 'cancelled')),
       due_at timestamptz,
       trigger_event_id uuid,
       outcome text,
       started_by uuid references users(id) on delete set null,
       cancel_reason text,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       completed_at timestamptz,
       cancelled_at timestamptz,
       constraint workflows_completed_check check ((status = 'completed') = (completed_at is not null)),
       constraint workflows_cancelled_check check ((status = 'cancelled') = (cancelled_at is not null))
     )`,
    `create unique index workflows_trigger_key on workflows (tenant_id, kind, trigger_event_id)
       where trigger_event_id is not null`,
    // the list, newest first, by status and kind
    `create index workflows_list_idx on workflows (tenant_id, created_at desc)`,
    `create index workflows_status_idx on workflows (tenant_id, status, kind)`,
    // workflows on an employee's and an asset's page
    `create index workflows_employee_idx on workflows (tenant_id, employee_id) where employee_id is not null`,
    `create index workflows_asset_idx on workflows (tenant_id, asset_id) where asset_id is not null`,
    `create table workflow_steps (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       workflow_id uuid not null references workflows(id) on delete cascade,
       position integer not null check (position >= 1),
       title text not null,
       instructions text not null default '',
       assignee_user_id uuid references users(id) on delete set null,
       assignee_role text,
       due_at timestamptz,
       needs_approval text,
       needs_evidence boolean not null default false,
       outcomes text[],
       action text check (action in ('return_asset', 'mark_asset_in_stock', 'record_maintenance')),
       asset_id uuid references assets(id),
       status text not null default 'pending'
         check (status in ('pending', 'completed', 'skipped', 'approved', 'rejected')),
       completed_by uuid references users(id) on delete set null,
       completed_by_label text,
       completed_at timestamptz,
       reason text,
       evidence_file_id uuid references files(id),
       overdue_notified_at timestamptz,
       created_at timestamptz not null default now(),
       updated_at timestamptz not null default now(),
       constraint workflow_steps_assignee_check check ((assignee_user_id is null) <> (assignee_role is null)),
       constraint workflow_steps_reason_check check (status not in ('skipped', 'rejected') or reason is not null)
     )`,
    `create unique index workflow_steps_position_key on workflow_steps (tenant_id, workflow_id, position)`,
    // "my tasks": open steps by assignee, due first
    `create index workflow_steps_user_idx on workflow_steps (tenant_id, assignee_user_id, due_at)
       where status in ('pending', 'rejected') and assignee_user_id is not null`,
    // the deadline sweep: open steps past due that have not been reported overdue yet
    `create index workflow_steps_overdue_idx on workflow_steps (tenant_id, due_at)
       where status in ('pending', 'rejected') and overdue_notified_at is null and due_at is not null`,
    `create index workflow_steps_role_idx on workflow_steps (tenant_id, assignee_role, due_at)
       where status in ('pending', 'rejected') and assignee_role is not null`,
  ]);
  const tables = ["workflow_templates", "workflow_template_versions", "workflows", "workflow_steps"];
  await enableTenantRls(db, tables);
  await runStatements(db, [`grant select, insert, update on ${tables.join(", ")} to ${APP_ROLE}`]);
}
