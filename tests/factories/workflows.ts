import { systemScope } from "@/server/context";
import { type Db, withTenant } from "@/server/db";
import type { createCaller } from "@/server/router";
import { provisionWorkflowTemplates } from "@/server/workflows/services/provision-workflow-templates";

/**
 * The tenant's default templates, as the provisioning function would give them (tests create
 * tenants without the engine running).
 */
export const provisionTestTemplates = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    provisionWorkflowTemplates(systemScope(trx, tenantId, { label: "Test templates", cause: null })),
  );

/**
 * An offboarding started by hand through the procedures for `employeeId` (who should hold an
 * asset): its template, its first plain step and its approval step.
 */
export async function seedOffboarding(
  db: Db,
  caller: ReturnType<typeof createCaller>,
  tenantId: string,
  employeeId: string,
) {
  await provisionTestTemplates(db, tenantId);
  const templates = await caller.workflows.templates();
  const template = templates.find((candidate) => candidate.kind === "offboarding" && candidate.isDefault);
  if (!template) throw new Error("no default offboarding template");
  const { id } = await caller.workflows.start({ templateId: template.id, employeeId });
  const { steps } = await caller.workflows.get({ id });
  const plain = steps.find((step) => !step.needsApproval);
  const approval = steps.find((step) => step.needsApproval);
  if (!plain || !approval) throw new Error("the offboarding template lost its steps");
  return { id, templateId: template.id, stepId: plain.id, approvalStepId: approval.id };
}
