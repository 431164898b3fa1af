import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { tenantRoles } from "../../roles";
import { UpdateTemplateInput } from "../rule-schemas";
import type { TemplateStep } from "../schemas";
import { stepActionProblem } from "../step-action-rules";

/** A step given to a person names an active account of the tenant; one given to a role, a tenant role. */
async function assertAssigneesExist(scope: TenantScope, steps: TemplateStep[]) {
  for (const [index, step] of steps.entries()) {
    const field = `steps.${index}.assignee`;
    const { type, value } = step.assignee;
    if (type === "role" && !(tenantRoles as readonly string[]).includes(value ?? "")) {
      throw new AppError("BAD_REQUEST", `Step ${index + 1}: choose a role.`, { field });
    }
    if (type !== "user") continue;
    const user =
      value && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
        ? await scope.db
            .selectFrom("users")
            .select("id")
            .where("tenant_id", "=", scope.tenantId)
            .where("id", "=", value)
            .where("status", "=", "active")
            .executeTakeFirst()
        : undefined;
    if (!user) {
      throw new AppError("BAD_REQUEST", `Step ${index + 1}: choose a person with an active account.`, {
        field,
      });
    }
  }
}

/**
 * Saves a template's edited steps (admins) as its next version: new workflows start from it,
 * running ones keep the version they started with. The template row is locked and the version
 * the editor started from must still be current, so two admins editing at once cannot silently
 * overwrite each other.
 */
export async function updateWorkflowTemplate(scope: TenantScope, raw: UpdateTemplateInput) {
  const input = UpdateTemplateInput.parse(raw);
  const { db, tenantId } = scope;
  const template = await db
    .selectFrom("workflow_templates")
    .select(["id", "kind", "current_version"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", input.templateId)
    .forUpdate()
    .executeTakeFirst();
  if (!template)
    throw new AppError("NOT_FOUND", "That workflow template does not exist in this organization.");
  if (template.current_version !== input.baseVersion) {
    throw new AppError(
      "CONFLICT",
      `Someone saved version ${template.current_version} of this template meanwhile: reload it and make your changes again.`,
    );
  }
  await assertAssigneesExist(scope, input.steps);
  for (const [index, step] of input.steps.entries()) {
    const problem = stepActionProblem({ ...step, action: step.action?.type });
    if (problem) {
      throw new AppError("BAD_REQUEST", `Step ${index + 1}: ${problem}.`, { field: `steps.${index}.action` });
    }
  }
  const version = template.current_version + 1;
  await db
    .insertInto("workflow_template_versions")
    .values({
      tenant_id: tenantId,
      template_id: template.id,
      version,
      steps: JSON.stringify(input.steps),
      approval_escalation_hours: input.approvalEscalationHours,
    })
    .execute();
  await db
    .updateTable("workflow_templates")
    .set({
      name: input.name,
      description: input.description,
      current_version: version,
      updated_at: sql`now()`,
    })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", template.id)
    .execute();
  await emit(scope, {
    name: "workflow_template.updated",
    entityId: template.id,
    data: { kind: template.kind, name: input.name, version, steps: input.steps.length },
  });
  return { id: template.id, version };
}
