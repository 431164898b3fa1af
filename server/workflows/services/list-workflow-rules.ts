import type { Executor } from "../../db";
import { ruleActivity, ruleSettings, templatesByKind } from "../rule-queries";
import type { WorkflowRulesPage } from "../rule-schemas";
import { workflowRuleKeys, workflowRules } from "../rules";
import type { WorkflowKind } from "../schemas";

/** The rules page: every rule with the tenant's setting and activity, and the choices its form offers. */
export async function listWorkflowRules(db: Executor, tenantId: string): Promise<WorkflowRulesPage> {
  const [settings, activity, templates, categories, departments, locations] = await Promise.all([
    ruleSettings(db, tenantId),
    ruleActivity(db, tenantId),
    templatesByKind(db, tenantId),
    db
      .selectFrom("categories")
      .select(["id", "name"])
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("departments")
      .select(["id", "name"])
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .orderBy("name")
      .execute(),
    db
      .selectFrom("locations")
      .select(["id", "name"])
      .where("tenant_id", "=", tenantId)
      .where("archived_at", "is", null)
      .orderBy("name")
      .execute(),
  ]);
  return {
    rules: workflowRuleKeys.map((key) => {
      const definition = workflowRules[key];
      return {
        rule: key,
        label: definition.label,
        trigger: definition.trigger,
        kind: definition.kind,
        conditionNames: [...definition.conditions],
        ...settings[key],
        ...activity[key],
      };
    }),
    templates: templates.map((row) => ({
      id: row.id,
      kind: row.kind as WorkflowKind,
      name: row.name,
      isDefault: row.is_default,
    })),
    categories,
    departments,
    locations,
  };
}
