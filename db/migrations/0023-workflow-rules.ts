import { APP_ROLE, enableTenantRls, type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Workflow automation rules as data (issue 13):
 * - `workflow_rules`: a tenant's settings for one automation rule (server/workflows/rules.ts
 *   defines the rules and their defaults): on or off, the template it starts (null: the tenant's
 *   default template of the rule's kind) and its conditions (jsonb, validated by the rule's zod
 *   schema). No row means the rule's defaults, so every tenant, old or new, starts with them on.
 * - `workflows.rule`: the rule that started a workflow (null: started by hand), for the rules
 *   page's "fired N times, last runs" and the workflow's page.
 * - `workflow_steps.escalated_at`: an overdue step was escalated (to the assignee's manager or the
 *   workflow's owner), so the sweep escalates it once.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `create table workflow_rules (
       tenant_id uuid not null references tenants(id) on delete cascade,
       rule text not null,
       enabled boolean not null default true,
       template_id uuid references workflow_templates(id) on delete set null,
       conditions jsonb not null default '{}' check (jsonb_typeof(conditions) = 'object'),
       updated_by uuid references users(id) on delete set null,
       updated_at timestamptz not null default now(),
       primary key (tenant_id, rule)
     )`,
    `alter table workflows add column rule text`,
    // the rules page: how often each rule fired, its latest workflows first
    `create index workflows_rule_idx on workflows (tenant_id, rule, created_at desc) where rule is not null`,
    `alter table workflow_steps add column escalated_at timestamptz`,
    // the escalation sweep: open steps past due that have not been escalated yet
    `create index workflow_steps_escalation_idx on workflow_steps (tenant_id, due_at)
       where status in ('pending', 'rejected') and escalated_at is null and due_at is not null`,
  ]);
  await enableTenantRls(db, ["workflow_rules"]);
  await runStatements(db, [`grant select, insert, update on workflow_rules to ${APP_ROLE}`]);
}
