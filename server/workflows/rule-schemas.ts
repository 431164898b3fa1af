import { z } from "zod";
import { id, name } from "../schemas/primitives";
import { RuleConditions, workflowRuleKeys } from "./rules";
import { TemplateSteps, templateTextLimits, workflowKinds, workflowStatuses } from "./schemas";

export const UpdateWorkflowRuleInput = z.object({
  rule: z.enum(workflowRuleKeys),
  enabled: z.boolean(),
  /** null: the tenant's default template of the rule's kind. */
  templateId: id().nullable(),
  conditions: RuleConditions,
});
export type UpdateWorkflowRuleInput = z.infer<typeof UpdateWorkflowRuleInput>;

/** One rule on the rules page: what it does, the tenant's setting, and how often it fired. */
export const WorkflowRuleItem = z.object({
  rule: z.enum(workflowRuleKeys),
  label: z.string(),
  trigger: z.string(),
  kind: z.enum(workflowKinds).nullable(),
  conditionNames: z.array(z.string()),
  enabled: z.boolean(),
  templateId: z.string().nullable(),
  conditions: RuleConditions,
  updatedAt: z.date().nullable(),
  fired: z.number(),
  lastRuns: z.array(
    z.object({
      workflowId: z.string(),
      title: z.string(),
      status: z.enum(workflowStatuses),
      createdAt: z.date(),
    }),
  ),
});
export type WorkflowRuleItem = z.infer<typeof WorkflowRuleItem>;

export const WorkflowRulesPage = z.object({
  rules: z.array(WorkflowRuleItem),
  templates: z.array(
    z.object({ id: z.string(), kind: z.enum(workflowKinds), name: z.string(), isDefault: z.boolean() }),
  ),
  categories: z.array(z.object({ id: z.string(), name: z.string() })),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type WorkflowRulesPage = z.infer<typeof WorkflowRulesPage>;

/** The template editor's save: the whole ordered list of steps, kept as a new version. */
export const UpdateTemplateInput = z.object({
  templateId: id(),
  /** The version the editor started from: a save over someone else's newer version is refused. */
  baseVersion: z.number().int().min(1),
  name: name({ max: templateTextLimits.name, minMessage: "Enter a name" }),
  description: z.string().trim().max(templateTextLimits.description).default(""),
  /** Hours past its due date an approval may wait before escalating; null: the tenant's rule. */
  approvalEscalationHours: z.number().int().min(1).max(2160).nullable().default(null),
  steps: TemplateSteps,
});
export type UpdateTemplateInput = z.input<typeof UpdateTemplateInput>;

/**
 * A second template of a kind, copied from one of that kind (its current steps and escalation),
 * for rules to point at: "Offboarding (contractors)" beside the default offboarding.
 */
export const DuplicateTemplateInput = z.object({
  templateId: id(),
  name: name({ max: templateTextLimits.name, minMessage: "Enter a name" }),
});
export type DuplicateTemplateInput = z.input<typeof DuplicateTemplateInput>;
