import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { actingUserId } from "../../context";
import { AppError } from "../../errors";
import { changesBetween } from "../../events/changes";
import { emit } from "../../events/emit";
import { ruleSetting } from "../rule-queries";
import { UpdateWorkflowRuleInput } from "../rule-schemas";
import { effectiveConditions, workflowRules } from "../rules";

/** Every id exists in the tenant's `table`, else a field error naming what is missing. */
async function assertAllExist(
  scope: TenantScope,
  table: "categories" | "departments" | "locations",
  ids: readonly string[] | undefined,
  field: string,
) {
  if (!ids?.length) return;
  const found = await scope.db
    .selectFrom(table)
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", [...ids])
    .execute();
  if (found.length !== new Set(ids).size) {
    const what = { categories: "category", departments: "department", locations: "location" }[table];
    throw new AppError(
      "BAD_REQUEST",
      `One of the chosen ${table} no longer exists: choose another ${what}.`,
      {
        field,
      },
    );
  }
}

/**
 * Stores a tenant's setting of one automation rule (admins): on or off, the template it starts
 * (one of the rule's kind) and its conditions, keeping only the conditions the rule has. The
 * functions read it on their next trigger. Records `workflow_rule.updated` with what changed.
 */
export async function updateWorkflowRule(scope: TenantScope, raw: UpdateWorkflowRuleInput) {
  const input = UpdateWorkflowRuleInput.parse(raw);
  const definition = workflowRules[input.rule];
  const conditions = effectiveConditions(input.rule, input.conditions);
  if (input.templateId) {
    const template = await scope.db
      .selectFrom("workflow_templates")
      .select("kind")
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", input.templateId)
      .executeTakeFirst();
    if (!template || template.kind !== definition.kind) {
      throw new AppError(
        "BAD_REQUEST",
        `This rule starts ${(definition.kind ?? "no").replaceAll("_", " ")} workflows: choose a template of that kind.`,
        { field: "templateId" },
      );
    }
  }
  await assertAllExist(scope, "categories", conditions.categoryIds, "conditions.categoryIds");
  await assertAllExist(scope, "departments", conditions.departmentIds, "conditions.departmentIds");
  await assertAllExist(scope, "locations", conditions.locationIds, "conditions.locationIds");

  // Serializes two admins saving the same rule: the second sees the first's row as "before".
  await sql`select pg_advisory_xact_lock(hashtext(${`workflow_rule:${scope.tenantId}:${input.rule}`}))`.execute(
    scope.db,
  );
  const before = await ruleSetting(scope.db, scope.tenantId, input.rule);
  const templateId = definition.kind ? input.templateId : null;
  const changes = changesBetween(
    { enabled: before.enabled, templateId: before.templateId, conditions: before.conditions },
    { enabled: input.enabled, templateId, conditions },
  );
  if (Object.keys(changes).length === 0) return { rule: input.rule, changed: false };
  await scope.db
    .insertInto("workflow_rules")
    .values({
      tenant_id: scope.tenantId,
      rule: input.rule,
      enabled: input.enabled,
      template_id: templateId,
      conditions: JSON.stringify(conditions),
      updated_by: actingUserId(scope.actor),
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "rule"]).doUpdateSet({
        enabled: input.enabled,
        template_id: templateId,
        conditions: JSON.stringify(conditions),
        updated_by: actingUserId(scope.actor),
        updated_at: sql`now()`,
      }),
    )
    .execute();
  await emit(scope, { name: "workflow_rule.updated", entityId: input.rule, data: { changes } });
  return { rule: input.rule, changed: true };
}
