import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { openWorkflowFor, ruleSetting, workflowForTrigger } from "../rule-queries";
import {
  type RuleConditions,
  type RuleFacts,
  unmetCondition,
  type WorkflowRuleKey,
  workflowRules,
} from "../rules";
import { defaultTemplateFor } from "./provision-workflow-templates";
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

/** A location and every location above it, nearest first (a condition on a site covers its floors). */
async function locationWithAncestors(scope: TenantScope, locationId: string | null | undefined) {
  if (!locationId) return [];
  const result = await sql<{ id: string }>`
    with recursive up as (
      select id, parent_id, 0 as depth from locations where tenant_id = ${scope.tenantId} and id = ${locationId}
      union all
      select l.id, l.parent_id, up.depth + 1 from locations l join up on l.id = up.parent_id
      where l.tenant_id = ${scope.tenantId} and up.depth < 32
    )
    select id from up order by depth`.execute(scope.db);
  return result.rows.map((row) => row.id);
}

/**
 * What the rule's conditions are checked against: the subject as it is now, read only as far as
 * the conditions look at it (unmetCondition: departments, employment type and the hire date are
 * the employee's, categories the asset's, the location the asset's when the trigger is about an
 * asset, else the employee's); a rule without such conditions, the default, reads nothing here.
 */
async function factsFor(
  scope: TenantScope,
  input: RunWorkflowRule,
  conditions: RuleConditions,
): Promise<RuleFacts> {
  const { db, tenantId } = scope;
  const byLocation = (conditions.locationIds?.length ?? 0) > 0;
  const needsEmployee =
    (conditions.departmentIds?.length ?? 0) > 0 ||
    (conditions.employmentTypes?.length ?? 0) > 0 ||
    conditions.hireWithinDays !== undefined ||
    (byLocation && !input.assetId);
  const needsAsset = (conditions.categoryIds?.length ?? 0) > 0 || (byLocation && Boolean(input.assetId));
  const employee =
    input.employeeId && needsEmployee
      ? await db
          .selectFrom("employees")
          .select(["department_id", "hire_date", "location_id", "employment_type"])
          .where("tenant_id", "=", tenantId)
          .where("id", "=", input.employeeId)
          .executeTakeFirst()
      : undefined;
  const asset =
    input.assetId && needsAsset
      ? await db
          .selectFrom("assets")
          .select(["category_id", "location_id"])
          .where("tenant_id", "=", tenantId)
          .where("id", "=", input.assetId)
          .executeTakeFirst()
      : undefined;
  const locationId = input.assetId ? asset?.location_id : employee?.location_id;
  return {
    categoryId: asset?.category_id ?? null,
    departmentId: employee?.department_id ?? null,
    locationIds: byLocation ? await locationWithAncestors(scope, locationId) : [],
    employmentType: employee?.employment_type ?? null,
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

  const templateId = setting.templateId ?? (await defaultTemplateFor(scope, kind));
  const started = await startWorkflow(scope, {
    templateId,
    employeeId: input.employeeId ?? null,
    assetId: input.assetId ?? null,
    triggerEventId: input.triggerEventId,
    rule: input.rule,
  });
  return { workflowId: started.id, created: started.created };
}
