import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Workflow automation, second part (issue 13):
 * - `locations.it_contact_user_id`: the person who looks after IT at a location; a template step
 *   assigned to "the location's IT contact" goes to them (the nearest location up the tree that has
 *   one), else to IT staff, and `workflow_steps.assignee_note` says why.
 * - `workflow_steps.waits_for_kind`: the step cannot be completed until a workflow of that kind
 *   for the same employee completes (onboarding's hand-over waits on the laptop's procurement);
 *   `unblocked_by_workflow_id` is that workflow, set by the completion's feedback.
 * - `workflow_steps.starts_kind`: completing the step starts a workflow of that kind for the same
 *   employee and asset (the default template of the kind).
 * - `workflow_template_versions.approval_escalation_hours`: how long past its due date an approval
 *   of this template may wait before it escalates (null: the tenant's escalation rule), copied to
 *   the approval steps as `workflow_steps.escalate_after_hours` when a workflow starts.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table locations add column it_contact_user_id uuid references users(id) on delete set null`,
    `alter table workflow_steps
       add column assignee_note text,
       add column waits_for_kind text,
       add column unblocked_by_workflow_id uuid references workflows(id) on delete set null,
       add column starts_kind text,
       add column escalate_after_hours integer check (escalate_after_hours between 1 and 2160)`,
    // the completion feedback: open steps of an employee's workflows waiting on a kind
    `create index workflow_steps_waiting_idx on workflow_steps (tenant_id, waits_for_kind)
       where waits_for_kind is not null and unblocked_by_workflow_id is null and status = 'pending'`,
    `alter table workflow_template_versions add column approval_escalation_hours integer
       check (approval_escalation_hours between 1 and 2160)`,
  ]);
}
