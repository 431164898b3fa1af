import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * The portal's requests and the receipts' reminders (issue 12):
 * - `equipment_requests`: an employee asks for equipment of a category (and says what exactly,
 *   why, and by when). IT staff approve or decline it, with the reason the employee reads; an
 *   approval starts a procurement workflow (`workflow_id`, set by the function that starts it).
 *   The employee may withdraw it while it is still pending. The decision columns go together.
 * - `receipt_reminders`: how often the holder of a pending receipt (an assignment with no
 *   asset_receipts row) was reminded, and when last: the reminder cron reads it to remind after N
 *   days, then weekly, up to a cap, and "Remind now" counts there too.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table equipment_requests (
       id uuid primary key default gen_random_uuid(),
       tenant_id uuid not null references tenants(id) on delete cascade,
       employee_id uuid not null references employees(id) on delete cascade,
       requested_by uuid references users(id) on delete set null,
       category_id uuid not null references categories(id),
       item text not null check (length(item) between 1 and 200),
       reason text not null check (length(reason) between 1 and 2000),
       needed_by date,
       status text not null default 'pending'
         check (status in ('pending', 'approved', 'declined', 'withdrawn')),
       decided_by uuid references users(id) on delete set null,
       decided_by_label text,
       decision_reason text check (decision_reason is null or length(decision_reason) <= 1000),
       decided_at timestamptz,
       workflow_id uuid references workflows(id) on delete set null,
       created_at timestamptz not null default now(),
       constraint equipment_requests_decision check (
         (status = 'pending' and decided_at is null)
         or (status in ('approved', 'withdrawn') and decided_at is not null)
         or (status = 'declined' and decided_at is not null and decision_reason is not null))
     )`,
    // IT staff's queue (pending first, oldest first) and the list by status
    `create index equipment_requests_status_idx on equipment_requests (tenant_id, status, created_at)`,
    // an employee's own requests in the portal
    `create index equipment_requests_employee_idx on equipment_requests (tenant_id, employee_id, created_at desc)`,
    `create table receipt_reminders (
       tenant_id uuid not null references tenants(id) on delete cascade,
       assignment_id uuid not null references asset_transactions(id) on delete cascade,
       asset_id uuid not null references assets(id) on delete cascade,
       employee_id uuid not null references employees(id) on delete cascade,
       sent_count integer not null default 0 check (sent_count >= 0),
       last_sent_at timestamptz,
       primary key (tenant_id, assignment_id)
     )`,
  ]);
  await enableTenantRls(db, ["equipment_requests", "receipt_reminders"]);
  await runStatements(db, [
    `grant select, insert, update on equipment_requests to ${APP_ROLE}`,
    `grant select, insert, update on receipt_reminders to ${APP_ROLE}`,
  ]);
}
