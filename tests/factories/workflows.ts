import { systemScope } from "@/server/context";
import { type Db, withTenant } from "@/server/db";
import type { createCaller } from "@/server/router";
import { provisionWorkflowTemplates } from "@/server/workflows/services/provision-workflow-templates";
import { createAssetFixtures } from "./assets";
import { createTestTenant, createTestUser, type TestUser } from "./tenants";

/**
 * The tenant's default templates, as the provisioning function would give them (tests create
 * tenants without the engine running).
 */
export const provisionTestTemplates = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    provisionWorkflowTemplates(systemScope(trx, tenantId, { label: "Test templates", cause: null })),
  );

/** A fresh tenant with IT staff, asset fixtures and the default workflow templates. */
export async function createWorkflowTenant(db: Db) {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  await provisionTestTemplates(db, tenant.id);
  return { tenant, admin: admin as TestUser, staff, fixtures };
}

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
