import { z } from "zod";
import { employmentTypes } from "../employees/schemas";
import { id, int } from "../schemas/primitives";
import type { WorkflowKind } from "./schemas";

/**
 * The automation rules an admin sees in settings: each maps a trigger event to a workflow kind,
 * can be switched off, pointed at another template of its kind, and narrowed by conditions. A
 * tenant without a stored row for a rule gets its defaults (every rule on), so the defaults need
 * no seeding and a rule added later is on for everyone at once.
 */
export const workflowRuleKeys = [
  "onboarding_new_hire",
  "onboarding_first_asset",
  "offboarding",
  "repair",
  "incident",
  "equipment_return",
  "transfer_verification",
  "access_review",
  "step_escalation",
] as const;
export type WorkflowRuleKey = (typeof workflowRuleKeys)[number];

/** Fields of employee.updated's `changes` an access review can be started by. */
export const accessReviewFields = ["managerId", "title", "departmentId"] as const;
export type AccessReviewField = (typeof accessReviewFields)[number];

const idList = z.array(id()).max(200);

/** Every condition a rule can have; each rule lists the ones that apply to it. */
export const RuleConditions = z.object({
  /** Only assets of these categories (empty: any). */
  categoryIds: idList.optional(),
  /** Only employees of these departments (empty: any). */
  departmentIds: idList.optional(),
  /**
   * Only at these locations or anywhere below them (empty: any): the asset's location for a rule
   * about an asset, the employee's for one about a person.
   */
  locationIds: idList.optional(),
  /** Only employees of these employment types (empty: any; an employee without one never matches). */
  employmentTypes: z.array(z.enum(employmentTypes)).max(employmentTypes.length).optional(),
  /** Only people hired at most this many days ago (a future hire date always counts). */
  hireWithinDays: int({ min: 0, max: 3650 }).optional(),
  /** Which changes start a review. */
  fields: z.array(z.enum(accessReviewFields)).min(1, "Choose at least one change").optional(),
  /** Escalate a step this many hours after it fell due. */
  afterHours: int({ min: 1, max: 24 * 90 }).optional(),
});
export type RuleConditions = z.infer<typeof RuleConditions>;
export type ConditionName = keyof RuleConditions;

export type WorkflowRuleDefinition = {
  key: WorkflowRuleKey;
  /** The workflow the rule starts; null for a rule that acts on running workflows. */
  kind: WorkflowKind | null;
  label: string;
  /** What triggers it, in a sentence an admin reads on the rules page. */
  trigger: string;
  conditions: readonly ConditionName[];
  defaults: RuleConditions;
  /** Starts nothing while the employee has an open workflow of the kind. */
  unlessOpen?: boolean;
};

export const workflowRules: Record<WorkflowRuleKey, WorkflowRuleDefinition> = {
  onboarding_new_hire: {
    key: "onboarding_new_hire",
    kind: "onboarding",
    label: "Onboard new hires",
    trigger:
      "An employee is added (by hand, CSV or an HR sync) with a recent or future hire date; due dates count from the hire date.",
    conditions: ["hireWithinDays", "departmentIds", "locationIds", "employmentTypes"],
    defaults: { hireWithinDays: 30, departmentIds: [], locationIds: [], employmentTypes: [] },
    unlessOpen: true,
  },
  onboarding_first_asset: {
    key: "onboarding_first_asset",
    kind: "onboarding",
    label: "Onboard on first equipment",
    trigger: "An asset is assigned to someone hired recently who has no open onboarding.",
    conditions: ["hireWithinDays", "departmentIds", "locationIds", "employmentTypes"],
    defaults: { hireWithinDays: 30, departmentIds: [], locationIds: [], employmentTypes: [] },
    unlessOpen: true,
  },
  offboarding: {
    key: "offboarding",
    kind: "offboarding",
    label: "Offboard leavers",
    trigger: "An employee is terminated: a return step per asset they hold.",
    conditions: ["departmentIds", "locationIds", "employmentTypes"],
    defaults: { departmentIds: [], locationIds: [], employmentTypes: [] },
  },
  repair: {
    key: "repair",
    kind: "repair",
    label: "Repair broken assets",
    trigger: "An asset goes into repair, or is returned damaged.",
    conditions: ["categoryIds", "locationIds"],
    defaults: { categoryIds: [], locationIds: [] },
  },
  incident: {
    key: "incident",
    kind: "incident",
    label: "Lost or stolen assets",
    trigger: "An asset is marked lost or stolen.",
    conditions: ["categoryIds", "locationIds"],
    defaults: { categoryIds: [], locationIds: [] },
  },
  equipment_return: {
    key: "equipment_return",
    kind: "equipment_return",
    label: "Check returned equipment",
    trigger: "An asset is returned in working order (a damaged one goes to repair).",
    conditions: ["categoryIds", "locationIds"],
    defaults: { categoryIds: [], locationIds: [] },
  },
  transfer_verification: {
    key: "transfer_verification",
    kind: "transfer_verification",
    label: "Verify transfers",
    trigger: "An asset moves to another person or another location.",
    conditions: ["categoryIds", "locationIds"],
    defaults: { categoryIds: [], locationIds: [] },
  },
  access_review: {
    key: "access_review",
    kind: "access_review",
    label: "Review access on role changes",
    trigger:
      "An employee's manager, title or department changes; several edits in a row start one review while it is open.",
    conditions: ["fields", "departmentIds", "locationIds", "employmentTypes"],
    defaults: { fields: [...accessReviewFields], departmentIds: [], locationIds: [], employmentTypes: [] },
    unlessOpen: true,
  },
  step_escalation: {
    key: "step_escalation",
    kind: null,
    label: "Escalate overdue steps",
    trigger:
      "A step is still open this long after its due date: the assignee's manager (or the workflow's owner, else the admins) is told.",
    conditions: ["afterHours"],
    defaults: { afterHours: 24 },
  },
};

/** A rule's stored conditions over its defaults, keeping only the conditions the rule has. */
export function effectiveConditions(key: WorkflowRuleKey, stored: unknown): RuleConditions {
  const rule = workflowRules[key];
  const parsed = RuleConditions.safeParse(stored ?? {});
  const values: RuleConditions = { ...rule.defaults, ...(parsed.success ? parsed.data : {}) };
  return Object.fromEntries(
    rule.conditions.flatMap((name) => (values[name] === undefined ? [] : [[name, values[name]]])),
  ) as RuleConditions;
}

/** The facts about a trigger's subject that conditions are checked against. */
export type RuleFacts = {
  categoryId?: string | null;
  departmentId?: string | null;
  /** The subject's location and every location above it (the asset's, else the employee's). */
  locationIds?: readonly string[];
  employmentType?: string | null;
  /** ISO date (yyyy-mm-dd) */
  hireDate?: string | null;
  /** The fields employee.updated changed. */
  changedFields?: readonly string[];
};

/** Why a rule starts nothing for these facts, or null when its conditions hold. */
export function unmetCondition(
  conditions: RuleConditions,
  facts: RuleFacts,
  now = new Date(),
): string | null {
  const { categoryIds, departmentIds, locationIds, employmentTypes, hireWithinDays, fields } = conditions;
  if (categoryIds?.length && !(facts.categoryId && categoryIds.includes(facts.categoryId))) {
    return "the asset's category is not one the rule covers";
  }
  if (departmentIds?.length && !(facts.departmentId && departmentIds.includes(facts.departmentId))) {
    return "the employee's department is not one the rule covers";
  }
  if (locationIds?.length && !locationIds.some((id) => facts.locationIds?.includes(id))) {
    return "the location is not one the rule covers";
  }
  if (
    employmentTypes?.length &&
    !(facts.employmentType && employmentTypes.some((type) => type === facts.employmentType))
  ) {
    return "the employee's employment type is not one the rule covers";
  }
  if (hireWithinDays !== undefined) {
    if (!facts.hireDate) return "the employee has no hire date";
    const hired = Date.parse(`${facts.hireDate.slice(0, 10)}T00:00:00Z`);
    const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
    if (today - hired > hireWithinDays * 86_400_000) {
      return `the employee was hired more than ${hireWithinDays} days ago`;
    }
  }
  if (fields && !fields.some((field) => facts.changedFields?.includes(field))) {
    return "none of the changes the rule watches";
  }
  return null;
}
