import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import type { WorkflowKind } from "../schemas";
import { defaultTemplateId } from "../template-queries";
import { provisionWorkflowTemplates } from "./provision-workflow-templates";
import { startWorkflow } from "./start-workflow";

type StartAutomatedWorkflow = {
  kind: WorkflowKind;
  employeeId?: string | null;
  assetId?: string | null;
  triggerEventId: string;
};

/**
 * What an automation rule calls: the tenant's default template of `kind`, started once per trigger
 * event. A tenant made before workflows existed gets its default templates first.
 */
export async function startAutomatedWorkflow(scope: TenantScope, input: StartAutomatedWorkflow) {
  let templateId = await defaultTemplateId(scope.db, scope.tenantId, input.kind);
  if (!templateId) {
    await provisionWorkflowTemplates(scope);
    templateId = await defaultTemplateId(scope.db, scope.tenantId, input.kind);
  }
  if (!templateId) throw new AppError("INTERNAL", `No default ${input.kind} template could be provisioned.`);
  return startWorkflow(scope, { ...input, templateId });
}
