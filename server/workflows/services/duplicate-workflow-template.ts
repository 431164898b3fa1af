import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { DuplicateTemplateInput } from "../rule-schemas";
import { currentTemplateVersion } from "../template-queries";

/**
 * Copies a template (its current steps, description and approval escalation) as a new template of
 * the same kind, at version 1 and not the default: admins then edit it and point a rule at it, so
 * contractors' offboarding can differ from employees'. Two templates of one kind with one name
 * would be told apart by nobody, so that is refused.
 */
export async function duplicateWorkflowTemplate(scope: TenantScope, raw: DuplicateTemplateInput) {
  const input = DuplicateTemplateInput.parse(raw);
  const { db, tenantId } = scope;
  const source = await currentTemplateVersion(db, tenantId, input.templateId);
  const description = await db
    .selectFrom("workflow_templates")
    .select("description")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", source.id)
    .executeTakeFirstOrThrow();
  const taken = await db
    .selectFrom("workflow_templates")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("kind", "=", source.kind)
    .where((eb) => eb(eb.fn("lower", ["name"]), "=", input.name.toLowerCase()))
    .executeTakeFirst();
  if (taken) {
    throw new AppError(
      "CONFLICT",
      `A ${source.kind.replaceAll("_", " ")} template is already called "${input.name}": choose another name.`,
      {
        field: "name",
      },
    );
  }
  const row = await db
    .insertInto("workflow_templates")
    .values({
      tenant_id: tenantId,
      kind: source.kind,
      name: input.name,
      description: description.description,
      is_default: false,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("workflow_template_versions")
    .values({
      tenant_id: tenantId,
      template_id: row.id,
      version: 1,
      steps: JSON.stringify(source.steps),
      approval_escalation_hours: source.approval_escalation_hours,
    })
    .execute();
  await emit(scope, {
    name: "workflow_template.created",
    entityId: row.id,
    data: { kind: source.kind, name: input.name, version: 1, via: "copy", copiedFrom: source.id },
  });
  return { id: row.id };
}
