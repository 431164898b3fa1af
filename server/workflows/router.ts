import { z } from "zod";
import { can, tenantRoles } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { assignableUsers } from "./assignee-queries";
import { listWorkflows, myTasks } from "./queries";
import {
  DuplicateTemplateInput,
  UpdateTemplateInput,
  UpdateWorkflowRuleInput,
  WorkflowRulesPage,
} from "./rule-schemas";
import {
  ApproveStepInput,
  CancelWorkflowInput,
  CompleteStepInput,
  ListWorkflowsInput,
  MyTask,
  ReassignStepInput,
  RejectStepInput,
  SkipStepInput,
  StartWorkflowInput,
  StepActionResult,
  WorkflowDetail,
  WorkflowIdInput,
  WorkflowListItem,
  WorkflowTemplate,
} from "./schemas";
import { cancelWorkflow } from "./services/cancel-workflow";
import { completeStep } from "./services/complete-step";
import { approveStep, rejectStep } from "./services/decide-step";
import { duplicateWorkflowTemplate } from "./services/duplicate-workflow-template";
import { getWorkflow } from "./services/get-workflow";
import { listWorkflowRules } from "./services/list-workflow-rules";
import { reassignStep } from "./services/reassign-step";
import { skipStep } from "./services/skip-step";
import { startWorkflow } from "./services/start-workflow";
import { updateWorkflowRule } from "./services/update-workflow-rule";
import { updateWorkflowTemplate } from "./services/update-workflow-template";
import { listTemplates } from "./template-queries";

const read = tenantProcedure(can.readTenant);
const manage = tenantProcedure(can.manageAssets);
/** Step actions: whoever may do assigned work; the service checks the step's assignee or approver. */
const act = tenantProcedure(can.workOnTasks);
/** Automation rules and templates: the organization's settings. */
const configure = tenantProcedure(can.manageTenant);

/** Workflows: lists, a workflow's page, my tasks, templates, and the step actions. */
export const workflowsRouter = router({
  list: read
    .input(ListWorkflowsInput)
    .output(z.object({ items: z.array(WorkflowListItem), total: z.number() }))
    .query(({ ctx, input }) => listWorkflows(ctx.db, ctx.tenantId, input)),
  get: read
    .input(WorkflowIdInput)
    .output(WorkflowDetail)
    .query(({ ctx, input }) => getWorkflow(ctx, input.id)),
  myTasks: tenantProcedure(can.everyone)
    .output(z.array(MyTask))
    .query(({ ctx }) => myTasks(ctx.db, ctx.tenantId, ctx.user)),
  templates: read.output(z.array(WorkflowTemplate)).query(({ ctx }) => listTemplates(ctx.db, ctx.tenantId)),
  start: manage
    .input(StartWorkflowInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ id: (await startWorkflow(ctx, input)).id })),
  completeStep: act
    .input(CompleteStepInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => completeStep(ctx, input)),
  skipStep: manage
    .input(SkipStepInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => skipStep(ctx, input)),
  approveStep: act
    .input(ApproveStepInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => approveStep(ctx, input)),
  rejectStep: act
    .input(RejectStepInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => rejectStep(ctx, input)),
  reassignStep: manage
    .input(ReassignStepInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => reassignStep(ctx, input)),
  assignees: manage
    .output(
      z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(tenantRoles) })),
    )
    .query(({ ctx }) => assignableUsers(ctx.db, ctx.tenantId)),
  cancel: manage
    .input(CancelWorkflowInput)
    .output(StepActionResult)
    .mutation(({ ctx, input }) => cancelWorkflow(ctx, input)),
  rules: configure.output(WorkflowRulesPage).query(({ ctx }) => listWorkflowRules(ctx.db, ctx.tenantId)),
  updateRule: configure
    .input(UpdateWorkflowRuleInput)
    .output(z.object({ rule: z.string(), changed: z.boolean() }))
    .mutation(({ ctx, input }) => updateWorkflowRule(ctx, input)),
  updateTemplate: configure
    .input(UpdateTemplateInput)
    .output(z.object({ id: z.string(), version: z.number() }))
    .mutation(({ ctx, input }) => updateWorkflowTemplate(ctx, input)),
  duplicateTemplate: configure
    .input(DuplicateTemplateInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => duplicateWorkflowTemplate(ctx, input)),
});
