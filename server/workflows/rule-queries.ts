import { sql } from "kysely";
import type { Executor } from "../db";
import {
  effectiveConditions,
  type RuleConditions,
  type WorkflowRuleKey,
  workflowRuleKeys,
  workflowRules,
} from "./rules";
import type { WorkflowKind, WorkflowStatus } from "./schemas";

export type RuleSetting = {
  enabled: boolean;
  /** The template the rule starts; null: the tenant's default template of the rule's kind. */
  templateId: string | null;
  conditions: RuleConditions;
  updatedAt: Date | null;
};

type RuleRow = {
  rule: string;
  enabled: boolean;
  template_id: string | null;
  conditions: unknown;
  updated_at: Date | string;
};

const toSetting = (key: WorkflowRuleKey, row: RuleRow | undefined): RuleSetting => ({
  enabled: row?.enabled ?? true,
  templateId: row?.template_id ?? null,
  conditions: effectiveConditions(key, row?.conditions),
  updatedAt: row ? new Date(row.updated_at) : null,
});

/** A tenant's setting of one rule: its stored row over the rule's defaults. */
export async function ruleSetting(
  db: Executor,
  tenantId: string,
  key: WorkflowRuleKey,
): Promise<RuleSetting> {
  const row = await db
    .selectFrom("workflow_rules")
    .select(["rule", "enabled", "template_id", "conditions", "updated_at"])
    .where("tenant_id", "=", tenantId)
    .where("rule", "=", key)
    .executeTakeFirst();
  return toSetting(key, row);
}

/** Every rule's setting for the tenant, defaults where nothing is stored. */
export async function ruleSettings(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("workflow_rules")
    .select(["rule", "enabled", "template_id", "conditions", "updated_at"])
    .where("tenant_id", "=", tenantId)
    .execute();
  return Object.fromEntries(
    workflowRuleKeys.map((key) => [
      key,
      toSetting(
        key,
        rows.find((row) => row.rule === key),
      ),
    ]),
  ) as Record<WorkflowRuleKey, RuleSetting>;
}

export type RuleRun = {
  workflowId: string;
  title: string;
  status: WorkflowStatus;
  createdAt: Date;
};
export type RuleActivity = { fired: number; lastRuns: RuleRun[] };

const LAST_RUNS = 5;

/**
 * How often each rule fired and its latest workflows: the workflows a rule started, and for the
 * escalation rule, the steps it escalated (with their workflows).
 */
export async function ruleActivity(
  db: Executor,
  tenantId: string,
): Promise<Record<WorkflowRuleKey, RuleActivity>> {
  const started = await sql<{
    rule: string;
    fired: string;
    id: string;
    title: string;
    status: string;
    at: Date | string;
    rank: string;
  }>`
    select * from (
      select w.rule, count(*) over (partition by w.rule) as fired, w.id, w.title, w.status,
             w.created_at as at, row_number() over (partition by w.rule order by w.created_at desc, w.id) as rank
      from workflows w
      where w.tenant_id = ${tenantId} and w.rule is not null
    ) ranked
    where rank <= ${LAST_RUNS}
    order by rule, rank`.execute(db);
  const escalated = await sql<{
    fired: string;
    id: string;
    title: string;
    status: string;
    at: Date | string;
    rank: string;
  }>`
    select * from (
      select count(*) over () as fired, w.id, w.title, w.status, s.escalated_at as at,
             row_number() over (order by s.escalated_at desc, s.id) as rank
      from workflow_steps s join workflows w on w.id = s.workflow_id and w.tenant_id = s.tenant_id
      where s.tenant_id = ${tenantId} and s.escalated_at is not null
    ) ranked
    where rank <= ${LAST_RUNS}
    order by rank`.execute(db);
  const toRun = (row: { id: string; title: string; status: string; at: Date | string }): RuleRun => ({
    workflowId: row.id,
    title: row.title,
    status: row.status as WorkflowStatus,
    createdAt: new Date(row.at),
  });
  const activity = Object.fromEntries(
    workflowRuleKeys.map((key) => {
      const rows =
        key === "step_escalation" ? escalated.rows : started.rows.filter((row) => row.rule === key);
      return [key, { fired: Number(rows[0]?.fired ?? 0), lastRuns: rows.map(toRun) }];
    }),
  );
  return activity as Record<WorkflowRuleKey, RuleActivity>;
}

/** The workflow automation already started for this trigger event and kind, if any. */
export async function workflowForTrigger(
  db: Executor,
  tenantId: string,
  kind: WorkflowKind,
  triggerEventId: string,
) {
  const row = await db
    .selectFrom("workflows")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("trigger_event_id", "=", triggerEventId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** An open workflow of `kind` about the employee, if any. */
export async function openWorkflowFor(
  db: Executor,
  tenantId: string,
  employeeId: string,
  kind: WorkflowKind,
) {
  const row = await db
    .selectFrom("workflows")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("employee_id", "=", employeeId)
    .where("kind", "=", kind)
    .where("status", "in", ["pending", "in_progress", "blocked"])
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The rules page's template choices: the kinds the rules start, each with its templates. */
export async function templatesByKind(db: Executor, tenantId: string) {
  const kinds = [...new Set(Object.values(workflowRules).flatMap((rule) => (rule.kind ? [rule.kind] : [])))];
  return db
    .selectFrom("workflow_templates")
    .select(["id", "kind", "name", "is_default"])
    .where("tenant_id", "=", tenantId)
    .where("kind", "in", kinds)
    .orderBy("kind")
    .orderBy("is_default", "desc")
    .orderBy("name")
    .execute();
}

/**
 * Across tenants (platform): open steps of open workflows still open `afterHours` after their due
 * date (an approval's template's hours, else the tenant's escalation setting, else its default),
 * not yet escalated; nothing while the tenant's escalation rule is off.
 */
export async function stepsToEscalate(db: Executor, limit: number) {
  const defaultHours = workflowRules.step_escalation.defaults.afterHours ?? 24;
  const rows = await sql<{ id: string; tenantId: string }>`
    select s.id, s.tenant_id as "tenantId"
    from workflow_steps s
    join workflows w on w.id = s.workflow_id and w.tenant_id = s.tenant_id
    left join workflow_rules r on r.tenant_id = s.tenant_id and r.rule = 'step_escalation'
    where s.status in ('pending', 'rejected') and s.escalated_at is null and s.due_at is not null
      and w.status in ('pending', 'in_progress', 'blocked')
      and coalesce(r.enabled, true)
      and s.due_at < now() - make_interval(hours => coalesce(
        s.escalate_after_hours, (r.conditions->>'afterHours')::int, ${defaultHours}))
    order by s.due_at
    limit ${limit}`.execute(db);
  return rows.rows;
}
