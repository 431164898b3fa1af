import { type SqlBool, sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";
import type { TenantRole } from "../roles";
import type { WorkflowRuleKey } from "./rules";
import type {
  ListWorkflowsInput,
  MyTask,
  StepAction,
  StepStatus,
  WorkflowKind,
  WorkflowListItem,
  WorkflowStatus,
  WorkflowStep,
} from "./schemas";

const overdueSql = sql<boolean>`(workflows.due_at < now() and workflows.status in ('pending', 'in_progress', 'blocked'))`;
/**
 * The workflow missed its due date (its SLA): still open past it, or completed after it. A
 * cancelled workflow, or one without a due date, breaches nothing.
 */
const slaBreachedSql = sql<boolean>`coalesce(workflows.due_at < now() and workflows.status in ('pending', 'in_progress', 'blocked')
  or (workflows.status = 'completed' and workflows.completed_at > workflows.due_at), false)`;

function listBase(db: Executor, tenantId: string) {
  return db
    .selectFrom("workflows")
    .leftJoin("employees", "employees.id", "workflows.employee_id")
    .leftJoin("assets", "assets.id", "workflows.asset_id")
    .where("workflows.tenant_id", "=", tenantId);
}

const listColumns = [
  "workflows.id",
  "workflows.kind",
  "workflows.title",
  "workflows.status",
  "workflows.employee_id",
  "employees.display_name as employee_name",
  "workflows.asset_id",
  "assets.tag as asset_tag",
  "assets.name as asset_name",
  "workflows.due_at",
  "workflows.outcome",
  "workflows.created_at",
  "workflows.completed_at",
  "workflows.trigger_event_id",
] as const;

type ListRow = {
  id: string;
  kind: string;
  title: string;
  status: string;
  employee_id: string | null;
  employee_name: string | null;
  asset_id: string | null;
  asset_tag: string | null;
  asset_name: string | null;
  due_at: Date | string | null;
  outcome: string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
  trigger_event_id: string | null;
  overdue: boolean;
  sla_breached: boolean;
  steps_done: number | string;
  steps_total: number | string;
};

const asDate = (value: Date | string) => new Date(value);
const asDateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

function toListItem(row: ListRow): WorkflowListItem {
  return {
    id: row.id,
    kind: row.kind as WorkflowKind,
    title: row.title,
    status: row.status as WorkflowStatus,
    employee: row.employee_id ? { id: row.employee_id, name: row.employee_name ?? "" } : null,
    asset: row.asset_id ? { id: row.asset_id, tag: row.asset_tag ?? "", name: row.asset_name ?? "" } : null,
    dueAt: asDateOrNull(row.due_at),
    overdue: Boolean(row.overdue),
    slaBreached: Boolean(row.sla_breached),
    stepsDone: Number(row.steps_done),
    stepsTotal: Number(row.steps_total),
    outcome: row.outcome,
    createdAt: asDate(row.created_at),
    completedAt: asDateOrNull(row.completed_at),
    automated: row.trigger_event_id !== null,
  };
}

const stepCounts = {
  done: sql<number>`(select count(*) from workflow_steps s where s.tenant_id = workflows.tenant_id
    and s.workflow_id = workflows.id and s.status in ('completed', 'skipped', 'approved'))`,
  total: sql<number>`(select count(*) from workflow_steps s where s.tenant_id = workflows.tenant_id
    and s.workflow_id = workflows.id)`,
};

/** Workflows matching the list's filters, newest first, with the total for paging. */
export async function listWorkflows(db: Executor, tenantId: string, input: ListWorkflowsInput) {
  let query = listBase(db, tenantId);
  if (input.kind) query = query.where("workflows.kind", "=", input.kind);
  if (input.status) query = query.where("workflows.status", "=", input.status);
  if (input.employeeId) query = query.where("workflows.employee_id", "=", input.employeeId);
  if (input.assetId) query = query.where("workflows.asset_id", "=", input.assetId);
  if (input.overdue !== undefined) query = query.where(sql<SqlBool>`${overdueSql} = ${input.overdue}`);
  if (input.slaBreached !== undefined)
    query = query.where(sql<SqlBool>`${slaBreachedSql} = ${input.slaBreached}`);
  if (input.assigneeUserId) {
    const userId = input.assigneeUserId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("workflow_steps as s")
          .select("s.id")
          .whereRef("s.tenant_id", "=", "workflows.tenant_id")
          .whereRef("s.workflow_id", "=", "workflows.id")
          .where("s.assignee_user_id", "=", userId)
          .where("s.status", "in", ["pending", "rejected"]),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        ...listColumns,
        overdueSql.as("overdue"),
        slaBreachedSql.as("sla_breached"),
        stepCounts.done.as("steps_done"),
        stepCounts.total.as("steps_total"),
      ])
      .orderBy("workflows.created_at", "desc")
      .orderBy("workflows.id")
      .limit(input.limit)
      .offset(input.offset)
      .execute(),
    query.select(sql<string>`count(*)`.as("total")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((row) => toListItem(row as ListRow)), total: Number(count.total) };
}

/** One workflow's list fields and its template, or NOT_FOUND. */
export async function getWorkflowRow(db: Executor, tenantId: string, workflowId: string) {
  const row = await listBase(db, tenantId)
    .innerJoin("workflow_templates as t", "t.id", "workflows.template_id")
    .innerJoin("workflow_template_versions as v", "v.id", "workflows.template_version_id")
    .select([
      ...listColumns,
      overdueSql.as("overdue"),
      slaBreachedSql.as("sla_breached"),
      stepCounts.done.as("steps_done"),
      stepCounts.total.as("steps_total"),
      "workflows.template_id",
      "t.name as template_name",
      "v.version as template_version",
      "workflows.cancel_reason",
      "workflows.rule",
    ])
    .where("workflows.id", "=", workflowId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That workflow does not exist in this organization.");
  return {
    ...toListItem(row as ListRow),
    templateId: row.template_id,
    templateName: row.template_name,
    templateVersion: row.template_version,
    cancelReason: row.cancel_reason,
    rule: row.rule as WorkflowRuleKey | null,
  };
}

/** A workflow's steps in order, with who they are assigned to and who did them. */
export async function stepsOf(db: Executor, tenantId: string, workflowId: string) {
  const rows = await db
    .selectFrom("workflow_steps as s")
    .leftJoin("users as assignee", "assignee.id", "s.assignee_user_id")
    .leftJoin("users as doer", "doer.id", "s.completed_by")
    .leftJoin("assets", "assets.id", "s.asset_id")
    .leftJoin("licenses", "licenses.id", "s.license_id")
    .select([
      "s.id",
      "s.position",
      "s.title",
      "s.instructions",
      "s.status",
      "s.assignee_user_id",
      "assignee.name as assignee_name",
      "s.assignee_role",
      "s.due_at",
      sql<boolean>`(s.due_at < now() and s.status in ('pending', 'rejected'))`.as("overdue"),
      "s.needs_approval",
      "s.needs_evidence",
      "s.outcomes",
      "s.action",
      "s.asset_id",
      "assets.tag as asset_tag",
      "s.license_id",
      "licenses.name as license_name",
      "s.evidence_file_id",
      "s.reason",
      "s.completed_by",
      "doer.name as completed_by_name",
      "s.completed_at",
      "s.assignee_note",
      "s.waits_for_kind",
      "s.unblocked_by_workflow_id",
      "s.starts_kind",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("s.workflow_id", "=", workflowId)
    .orderBy("s.position")
    .execute();
  return rows.map(
    (row): Omit<WorkflowStep, "canAct"> => ({
      id: row.id,
      position: row.position,
      title: row.title,
      instructions: row.instructions,
      status: row.status as StepStatus,
      assignee: row.assignee_user_id
        ? { type: "user", userId: row.assignee_user_id, name: row.assignee_name ?? "" }
        : { type: "role", role: row.assignee_role as TenantRole },
      dueAt: asDateOrNull(row.due_at),
      overdue: Boolean(row.overdue),
      needsApproval: row.needs_approval as TenantRole | null,
      needsEvidence: row.needs_evidence,
      outcomes: row.outcomes,
      action: row.action ? { type: row.action as StepAction } : null,
      asset: row.asset_id ? { id: row.asset_id, tag: row.asset_tag ?? "" } : null,
      license: row.license_id ? { id: row.license_id, name: row.license_name ?? "" } : null,
      evidenceFileId: row.evidence_file_id,
      reason: row.reason,
      completedBy: row.completed_by ? { id: row.completed_by, name: row.completed_by_name ?? "" } : null,
      completedAt: asDateOrNull(row.completed_at),
      assigneeNote: row.assignee_note,
      waitsFor: row.waits_for_kind
        ? { kind: row.waits_for_kind as WorkflowKind, unblockedByWorkflowId: row.unblocked_by_workflow_id }
        : null,
      startsWorkflow: row.starts_kind as WorkflowKind | null,
    }),
  );
}

/** The workflow's own events, oldest first: its timeline. */
export async function workflowTimeline(db: Executor, tenantId: string, workflowId: string) {
  const rows = await db
    .selectFrom("events")
    .select(["id", "name", "occurred_at", "actor_label", "data"])
    .where("tenant_id", "=", tenantId)
    .where("entity_type", "=", "workflow")
    .where("entity_id", "=", workflowId)
    .orderBy("seq")
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    at: asDate(row.occurred_at),
    actor: row.actor_label ?? "",
    data: row.data,
  }));
}

/** Open steps of open workflows assigned to the person or their role, due first. */
export async function myTasks(db: Executor, tenantId: string, user: { id: string; role: TenantRole }) {
  const rows = await db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows", "workflows.id", "s.workflow_id")
    .select([
      "workflows.id as workflow_id",
      "workflows.title as workflow_title",
      "workflows.kind",
      "s.id",
      "s.title",
      "s.status",
      "s.due_at",
      sql<boolean>`(s.due_at < now())`.as("overdue"),
      "s.needs_approval",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("workflows.tenant_id", "=", tenantId)
    .where("s.status", "in", ["pending", "rejected"])
    .where("workflows.status", "in", ["pending", "in_progress", "blocked"])
    .where((eb) => eb.or([eb("s.assignee_user_id", "=", user.id), eb("s.assignee_role", "=", user.role)]))
    .orderBy(sql`s.due_at nulls last`)
    .orderBy("s.position")
    .limit(200)
    .execute();
  return rows.map(
    (row): MyTask => ({
      workflowId: row.workflow_id,
      workflowTitle: row.workflow_title,
      kind: row.kind as WorkflowKind,
      stepId: row.id,
      title: row.title,
      status: row.status as StepStatus,
      dueAt: asDateOrNull(row.due_at),
      overdue: Boolean(row.overdue),
      needsApproval: row.needs_approval as TenantRole | null,
    }),
  );
}

/** Locks a step and its workflow (in that order everywhere, so two actions never deadlock). */
export async function lockStep(db: Executor, tenantId: string, stepId: string) {
  const step = await db
    .selectFrom("workflow_steps")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", stepId)
    .forUpdate()
    .executeTakeFirst();
  if (!step) throw new AppError("NOT_FOUND", "That workflow step does not exist in this organization.");
  const workflow = await lockWorkflow(db, tenantId, step.workflow_id);
  return { step: { ...step, status: step.status as StepStatus }, workflow };
}

export async function lockWorkflow(db: Executor, tenantId: string, workflowId: string) {
  const workflow = await db
    .selectFrom("workflows")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", workflowId)
    .forUpdate()
    .executeTakeFirst();
  if (!workflow) throw new AppError("NOT_FOUND", "That workflow does not exist in this organization.");
  return { ...workflow, status: workflow.status as WorkflowStatus, kind: workflow.kind as WorkflowKind };
}

/** The statuses of a workflow's steps, for deriving its own. */
export async function stepStatusesOf(db: Executor, tenantId: string, workflowId: string) {
  const rows = await db
    .selectFrom("workflow_steps")
    .select("status")
    .where("tenant_id", "=", tenantId)
    .where("workflow_id", "=", workflowId)
    .execute();
  return rows.map((row) => row.status as StepStatus);
}

/** Across tenants (platform): open steps of open workflows past due, not yet reported overdue. */
export async function overdueStepsToReport(db: Executor, limit: number) {
  return db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows", "workflows.id", "s.workflow_id")
    .select(["s.id", "s.tenant_id as tenantId"])
    .where("s.status", "in", ["pending", "rejected"])
    .where("s.overdue_notified_at", "is", null)
    .where("s.due_at", "<", sql<Date>`now()`)
    .where("workflows.status", "in", ["pending", "in_progress", "blocked"])
    .orderBy("s.due_at")
    .limit(limit)
    .execute();
}
