import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { defaultTemplateId } from "../queries";
import { openWorkflowFor, ruleSetting, workflowForTrigger } from "../rule-queries";
import {
  type RuleConditions,
  type RuleFacts,
  unmetCondition,
  type WorkflowRuleKey,
  workflowRules,
} from "../rules";
import { provisionWorkflowTemplates } from "./provision-workflow-templates";
import { startWorkflow } from "./start-workflow";

export type RunWorkflowRule = {
  rule: WorkflowRuleKey;
  /** The event being handled: the same event starts one workflow of the rule's kind, ever. */
  triggerEventId: string;
  employeeId?: string | null;
  assetId?: string | null;
  /** employee.updated: the fields it changed. */
  changedFields?: readonly string[];
};

export type RuleOutcome = { workflowId: string; created: boolean } | { workflowId: null; skipped: string };

/**
 * What the rule's conditions are checked against: the subject as it is now, read only as far as
 * the conditions look at it (unmetCondition: departments and the hire date are the employee's,
 * categories the asset's); a rule without such conditions, the default, reads nothing here.
 */
async function factsFor(
  scope: TenantScope,
  input: RunWorkflowRule,
  conditions: RuleConditions,
): Promise<RuleFacts> {
  const { db, tenantId } = scope;
  const needsEmployee =
    (conditions.departmentIds?.length ?? 0) > 0 || conditions.hireWithinDays !== undefined;
  const needsAsset = (conditions.categoryIds?.length ?? 0) > 0;
  const employee =
    input.employeeId && needsEmployee
      ? await db
          .selectFrom("employees")
          .select(["department_id", "hire_date"])
          .where("tenant_id", "=", tenantId)
          .where("id", "=", input.employeeId)
          .executeTakeFirst()
      : undefined;
  const asset =
    input.assetId && needsAsset
      ? await db
          .selectFrom("assets")
          .select("category_id")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", input.assetId)
          .executeTakeFirst()
      : undefined;
  return {
    categoryId: asset?.category_id ?? null,
    departmentId: employee?.department_id ?? null,
    hireDate: employee?.hire_date ? String(employee.hire_date) : null,
    changedFields: input.changedFields ?? [],
  };
}

/**
 * What every automation function calls: evaluates the tenant's setting of `rule` for the trigger
 * and, when it is on and its conditions hold, starts the rule's workflow (its chosen template, or
 * the tenant's default of the kind). Idempotent: a trigger already handled returns its workflow;
 * a rule that starts nothing while one is open (onboarding, access review) locks the employee
 * first, so two triggers at once (five quick edits) still start one.
 */
export async function runWorkflowRule(scope: TenantScope, input: RunWorkflowRule): Promise<RuleOutcome> {
  const { db, tenantId } = scope;
  const definition = workflowRules[input.rule];
  const kind = definition.kind;
  if (!kind) throw new AppError("INTERNAL", `The ${input.rule} rule starts no workflow.`);

  const existing = await workflowForTrigger(db, tenantId, kind, input.triggerEventId);
  if (existing) return { workflowId: existing, created: false };
  const setting = await ruleSetting(db, tenantId, input.rule);
  if (!setting.enabled) return { workflowId: null, skipped: "the rule is off" };
  const unmet = unmetCondition(setting.conditions, await factsFor(scope, input, setting.conditions));
  if (unmet) return { workflowId: null, skipped: unmet };

  if (definition.unlessOpen && input.employeeId) {
    await db
      .selectFrom("employees")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("id", "=", input.employeeId)
      .forUpdate()
      .execute();
    if (await openWorkflowFor(db, tenantId, input.employeeId, kind)) {
      return { workflowId: null, skipped: `an open ${kind.replaceAll("_", " ")} already exists` };
    }
  }

  let templateId = setting.templateId ?? (await defaultTemplateId(db, tenantId, kind));
  if (!templateId) {
    await provisionWorkflowTemplates(scope);
    templateId = await defaultTemplateId(db, tenantId, kind);
  }
  if (!templateId) throw new AppError("INTERNAL", `No ${kind} template could be provisioned.`);
  const started = await startWorkflow(scope, {
    templateId,
    employeeId: input.employeeId ?? null,
    assetId: input.assetId ?? null,
    triggerEventId: input.triggerEventId,
    rule: input.rule,
  });
  return { workflowId: started.id, created: started.created };
}
