import type { Executor } from "../db";
import { AppError } from "../errors";
import { TemplateSteps, type WorkflowKind, type WorkflowTemplate } from "./schemas";

/** The tenant's templates at their current version, defaults first within a kind. */
export async function listTemplates(db: Executor, tenantId: string): Promise<WorkflowTemplate[]> {
  const rows = await db
    .selectFrom("workflow_templates as t")
    .innerJoin("workflow_template_versions as v", (join) =>
      join.onRef("v.template_id", "=", "t.id").onRef("v.version", "=", "t.current_version"),
    )
    .select([
      "t.id",
      "t.kind",
      "t.name",
      "t.description",
      "t.is_default",
      "v.version",
      "v.steps",
      "v.approval_escalation_hours",
    ])
    .where("t.tenant_id", "=", tenantId)
    .orderBy("t.kind")
    .orderBy("t.is_default", "desc")
    .orderBy("t.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as WorkflowKind,
    name: row.name,
    description: row.description,
    version: row.version,
    isDefault: row.is_default,
    approvalEscalationHours: row.approval_escalation_hours,
    steps: TemplateSteps.parse(row.steps),
  }));
}

/** A template at its current version (the one a new workflow starts from), or NOT_FOUND. */
export async function currentTemplateVersion(db: Executor, tenantId: string, templateId: string) {
  const row = await db
    .selectFrom("workflow_templates as t")
    .innerJoin("workflow_template_versions as v", (join) =>
      join.onRef("v.template_id", "=", "t.id").onRef("v.version", "=", "t.current_version"),
    )
    .select([
      "t.id",
      "t.kind",
      "t.name",
      "v.id as version_id",
      "v.version",
      "v.steps",
      "v.approval_escalation_hours",
    ])
    .where("t.tenant_id", "=", tenantId)
    .where("t.id", "=", templateId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That workflow template does not exist in this organization.");
  return { ...row, kind: row.kind as WorkflowKind, steps: TemplateSteps.parse(row.steps) };
}

/** The id of the tenant's default template of `kind`, if it has one. */
export async function defaultTemplateId(db: Executor, tenantId: string, kind: WorkflowKind) {
  const row = await db
    .selectFrom("workflow_templates")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", kind)
    .where("is_default", "=", true)
    .executeTakeFirst();
  return row?.id ?? null;
}
