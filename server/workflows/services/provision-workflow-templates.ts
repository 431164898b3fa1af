import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { defaultTemplates } from "../default-templates";

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
