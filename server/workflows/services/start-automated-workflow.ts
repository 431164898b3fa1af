import type { TenantScope } from "../../context";
import type { WorkflowKind } from "../schemas";
import { defaultTemplateFor } from "./provision-workflow-templates";
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
  const templateId = await defaultTemplateFor(scope, input.kind);
  return startWorkflow(scope, { ...input, templateId });
}
