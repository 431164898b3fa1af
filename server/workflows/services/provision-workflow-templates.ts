import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { defaultTemplates } from "../default-templates";
import type { WorkflowKind } from "../schemas";
import { defaultTemplateId } from "../template-queries";

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
