import { z } from "zod";
import { tenantRoles } from "../roles";
import { id, int, optionalText, text } from "../schemas/primitives";
import { workflowRuleKeys } from "./rules";

export const workflowKinds = [
  "onboarding",
  "offboarding",
  "repair",
  "incident",
  "procurement",
  "maintenance",
  "equipment_return",
  "emergency_replacement",
  "incoming_hardware",
  "transfer_verification",
  "access_review",
] as const;
export type WorkflowKind = (typeof workflowKinds)[number];

export const workflowStatuses = ["pending", "in_progress", "blocked", "completed", "cancelled"] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];

export const stepStatuses = ["pending", "completed", "skipped", "approved", "rejected"] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** What completing a step does, from a fixed list, through the same services the UI calls. */
export const stepActions = [
  "return_asset",
  "mark_asset_in_stock",
  "record_maintenance",
  "revoke_license",
  "revoke_licenses",
] as const;
export type StepAction = (typeof stepActions)[number];

/** Actions on the step's one licence (a per-held-licence step), and on the workflow's employee. */
export const licenseStepActions = ["revoke_license"] as const satisfies readonly StepAction[];
export const employeeStepActions = ["revoke_licenses"] as const satisfies readonly StepAction[];

/** Who a template step goes to, resolved when the workflow starts. */
export const assigneeRuleTypes = ["user", "role", "manager", "employee", "location_it_contact"] as const;

const REASON_MAX = 1000;
const role = z.enum(tenantRoles);

/** How long a template's texts may be (the template editor counts toward each). */
export const templateTextLimits = {
  name: 120,
  description: 500,
  stepTitle: 200,
  instructions: 10_000,
  /** One outcome a step may end with ("found", "confirmed_lost"), and how many a step may have. */
  outcome: 60,
  outcomes: 10,
} as const;

/** One step of a template version, as stored in workflow_template_versions.steps. */
export const TemplateStep = z.object({
  title: text({ max: templateTextLimits.stepTitle }),
  instructions: z.string().max(templateTextLimits.instructions).default(""),
  assignee: z.object({ type: z.enum(assigneeRuleTypes), value: z.string().optional() }),
  /** Days from the start (an onboarding with a hire date: from the hire date, so it may be negative). */
  dueOffsetDays: int({ min: -365, max: 365 }).nullable().default(null),
  needsApproval: role.nullable().default(null),
  needsEvidence: z.boolean().default(false),
  outcomes: z
    .array(z.string().min(1).max(templateTextLimits.outcome))
    .min(2)
    .max(templateTextLimits.outcomes)
    .optional(),
  action: z.object({ type: z.enum(stepActions) }).optional(),
  /** Repeat this step once per asset the employee holds ("Return {tag}"): offboarding. */
  perHeldAsset: z.boolean().optional(),
  /** Repeat this step once per licence the employee holds ("Revoke {licence}"): offboarding. */
  perHeldLicense: z.boolean().optional(),
  /**
   * The step cannot be completed until a workflow of this kind for the same employee (else the
   * same asset) completes: the onboarding's hand-over waits on the laptop's procurement.
   */
  waitsFor: z.enum(workflowKinds).optional(),
  /** Completing the step starts a workflow of this kind (its default template) for the same subject. */
  startsWorkflow: z.enum(workflowKinds).optional(),
});
export type TemplateStep = z.infer<typeof TemplateStep>;
export const TemplateSteps = z.array(TemplateStep).min(1);

const assignee = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), userId: z.string(), name: z.string() }),
  z.object({ type: z.literal("role"), role }),
]);

export const WorkflowListItem = z.object({
  id: z.string(),
  kind: z.enum(workflowKinds),
  title: z.string(),
  status: z.enum(workflowStatuses),
  employee: z.object({ id: z.string(), name: z.string() }).nullable(),
  asset: z.object({ id: z.string(), tag: z.string(), name: z.string() }).nullable(),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  slaBreached: z.boolean(),
  stepsDone: z.number(),
  stepsTotal: z.number(),
  outcome: z.string().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  automated: z.boolean(),
});
export type WorkflowListItem = z.infer<typeof WorkflowListItem>;

export const WorkflowStep = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  instructions: z.string(),
  status: z.enum(stepStatuses),
  assignee,
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  needsApproval: role.nullable(),
  needsEvidence: z.boolean(),
  outcomes: z.array(z.string()).nullable(),
  action: z.object({ type: z.enum(stepActions) }).nullable(),
  asset: z.object({ id: z.string(), tag: z.string() }).nullable(),
  license: z.object({ id: z.string(), name: z.string() }).nullable(),
  evidenceFileId: z.string().nullable(),
  reason: z.string().nullable(),
  completedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  completedAt: z.date().nullable(),
  /** Why the step is not with the person its template named ("Berlin has no IT contact: ..."). */
  assigneeNote: z.string().nullable(),
  /** The kind of workflow it waits on, and the one that unblocked it once that completed. */
  waitsFor: z
    .object({ kind: z.enum(workflowKinds), unblockedByWorkflowId: z.string().nullable() })
    .nullable(),
  startsWorkflow: z.enum(workflowKinds).nullable(),
  canAct: z.boolean(),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowDetail = WorkflowListItem.extend({
  templateId: z.string(),
  templateName: z.string(),
  templateVersion: z.number(),
  cancelReason: z.string().nullable(),
  /** The automation rule that started it; null when a person did. */
  rule: z.enum(workflowRuleKeys).nullable(),
  steps: z.array(WorkflowStep),
  timeline: z.array(
    z.object({ id: z.string(), name: z.string(), at: z.date(), actor: z.string(), data: z.unknown() }),
  ),
});
export type WorkflowDetail = z.infer<typeof WorkflowDetail>;

export const MyTask = z.object({
  workflowId: z.string(),
  workflowTitle: z.string(),
  kind: z.enum(workflowKinds),
  stepId: z.string(),
  title: z.string(),
  status: z.enum(stepStatuses),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  needsApproval: role.nullable(),
});
export type MyTask = z.infer<typeof MyTask>;

export const WorkflowTemplate = z.object({
  id: z.string(),
  kind: z.enum(workflowKinds),
  name: z.string(),
  description: z.string(),
  version: z.number(),
  isDefault: z.boolean(),
  /** Hours past its due date an approval may wait before it escalates; null: the tenant's rule. */
  approvalEscalationHours: z.number().nullable(),
  steps: TemplateSteps,
});
export type WorkflowTemplate = z.infer<typeof WorkflowTemplate>;

export const ListWorkflowsInput = z.object({
  kind: z.enum(workflowKinds).optional(),
  status: z.enum(workflowStatuses).optional(),
  employeeId: id().optional(),
  assetId: id().optional(),
  assigneeUserId: id().optional(),
  overdue: z.boolean().optional(),
  /** Past its due date and not completed, or completed after it (true); within it (false). */
  slaBreached: z.boolean().optional(),
  limit: int({ min: 1, max: 100 }).default(50),
  offset: int({ max: 1_000_000 }).default(0),
});
export type ListWorkflowsInput = z.infer<typeof ListWorkflowsInput>;

export const StartWorkflowInput = z
  .object({ templateId: id(), employeeId: id().optional(), assetId: id().optional() })
  .refine((input) => input.employeeId || input.assetId, {
    message: "Choose the employee or the asset this workflow is about",
    path: ["employeeId"],
  });
export type StartWorkflowInput = z.infer<typeof StartWorkflowInput>;

export const CompleteStepInput = z.object({
  stepId: id(),
  outcome: z.string().optional(),
  evidenceFileId: id().optional(),
  notes: optionalText(REASON_MAX, { multiline: true }),
});
export type CompleteStepInput = z.input<typeof CompleteStepInput>;

const reason = text({ max: REASON_MAX, multiline: true, minMessage: "Say why" });
export const SkipStepInput = z.object({ stepId: id(), reason });
export type SkipStepInput = z.infer<typeof SkipStepInput>;
export const ApproveStepInput = z.object({
  stepId: id(),
  comment: optionalText(REASON_MAX, { multiline: true }),
});
export type ApproveStepInput = z.input<typeof ApproveStepInput>;
export const RejectStepInput = z.object({ stepId: id(), reason });
export type RejectStepInput = z.infer<typeof RejectStepInput>;
export const ReassignStepInput = z.object({
  stepId: id(),
  assignee: z.discriminatedUnion("type", [
    z.object({ type: z.literal("user"), userId: id() }),
    z.object({ type: z.literal("role"), role }),
  ]),
});
export type ReassignStepInput = z.infer<typeof ReassignStepInput>;
export const CancelWorkflowInput = z.object({ id: id(), reason });
export type CancelWorkflowInput = z.infer<typeof CancelWorkflowInput>;
export const WorkflowIdInput = z.object({ id: id() });

export const StepActionResult = z.object({ workflowId: z.string(), status: z.enum(workflowStatuses) });
export type StepActionResult = z.infer<typeof StepActionResult>;
