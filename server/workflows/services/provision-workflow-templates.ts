import { isDeepStrictEqual } from "node:util";
import { systemScope, type TenantScope } from "../../context";
import { type Db, withPlatform, withTenant } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { defaultTemplates, supersededDefaultSteps } from "../default-templates";
import type { WorkflowKind } from "../schemas";
import { defaultTemplateId } from "../template-queries";
import { updateWorkflowTemplate } from "./update-workflow-template";

/**
 * Gives the tenant the default template of every kind it has none of yet. Idempotent: kinds that
 * already have a default (a second run, an admin's own template) are left alone, so it runs on
 * tenant.created and again, harmlessly, before automation needs a template.
 */
export async function provisionWorkflowTemplates(scope: TenantScope) {
  const { db, tenantId } = scope;
  const existing = await db
    .selectFrom("workflow_templates")
    .select("kind")
    .where("tenant_id", "=", tenantId)
    .where("is_default", "=", true)
    .execute();
  const have = new Set(existing.map((row) => row.kind));
  const created: string[] = [];
  for (const template of defaultTemplates.filter((candidate) => !have.has(candidate.kind))) {
    const row = await db
      .insertInto("workflow_templates")
      .values({
        tenant_id: tenantId,
        kind: template.kind,
        name: template.name,
        description: template.description,
        is_default: true,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("workflow_template_versions")
      .values({ tenant_id: tenantId, template_id: row.id, version: 1, steps: JSON.stringify(template.steps) })
      .execute();
    await emit(scope, {
      name: "workflow_template.created",
      entityId: row.id,
      data: { kind: template.kind, name: template.name, version: 1, via: "defaults" },
    });
    created.push(template.kind);
  }
  return { created };
}

/**
 * The tenant's default template of `kind`, provisioned first when it has none (a tenant made before
 * workflows existed): what automation starts when a rule names no template of its own.
 */
export async function defaultTemplateFor(scope: TenantScope, kind: WorkflowKind): Promise<string> {
  const existing = await defaultTemplateId(scope.db, scope.tenantId, kind);
  if (existing) return existing;
  await provisionWorkflowTemplates(scope);
  const provisioned = await defaultTemplateId(scope.db, scope.tenantId, kind);
  if (!provisioned) throw new AppError("INTERNAL", `No default ${kind} template could be provisioned.`);
  return provisioned;
}

/**
 * Brings the tenant's untouched default templates up to date: a default whose current steps are
 * exactly an earlier form of its kind's default (server/workflows/default-templates.ts) gets
 * today's default steps as its next version, saved through the editor's own service (versioned,
 * audited with the system as actor; running workflows keep their version). A default an admin
 * edited, or one already current, is left alone; so is one an admin saves meanwhile.
 */
export async function refreshDefaultTemplates(scope: TenantScope) {
  const defaults = await scope.db
    .selectFrom("workflow_templates as t")
    .innerJoin("workflow_template_versions as v", (join) =>
      join
        .onRef("v.tenant_id", "=", "t.tenant_id")
        .onRef("v.template_id", "=", "t.id")
        .onRef("v.version", "=", "t.current_version"),
    )
    .select([
      "t.id",
      "t.kind",
      "t.name",
      "t.description",
      "t.current_version",
      "v.steps",
      "v.approval_escalation_hours",
    ])
    .where("t.tenant_id", "=", scope.tenantId)
    .where("t.is_default", "=", true)
    .execute();
  const refreshed: string[] = [];
  for (const template of defaults) {
    const kind = template.kind as WorkflowKind;
    const today = defaultTemplates.find((candidate) => candidate.kind === kind);
    const earlier = supersededDefaultSteps[kind] ?? [];
    // as stored: JSON, so a step's absent fields compare as absent
    if (
      !today ||
      !earlier.some((steps) => isDeepStrictEqual(JSON.parse(JSON.stringify(steps)), template.steps))
    ) {
      continue;
    }
    try {
      await updateWorkflowTemplate(scope, {
        templateId: template.id,
        baseVersion: template.current_version,
        name: template.name,
        description: template.description,
        approvalEscalationHours: template.approval_escalation_hours,
        steps: today.steps,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT") continue;
      throw error;
    }
    refreshed.push(kind);
  }
  return { refreshed };
}

/**
 * refreshDefaultTemplates for every tenant, each in a transaction of its own: run once per start
 * (server/boot.ts), so an organization made before a default improved gets it on the next start.
 */
export async function refreshDefaultTemplatesOfEveryTenant(db: Db) {
  const tenants = await withPlatform(db, (trx) => trx.selectFrom("tenants").select("id").execute());
  let refreshed = 0;
  for (const { id } of tenants) {
    const result = await withTenant(db, id, (trx) =>
      refreshDefaultTemplates(
        systemScope(trx, id, { label: "Automation: Keep default templates current", cause: null }),
      ),
    );
    refreshed += result.refreshed.length;
  }
  return { tenants: tenants.length, refreshed };
}
