import { describe, expect, it } from "vitest";
import { notifyAssetAssignedFunction } from "@/inngest/functions/notifications/notify-asset-assigned";
import { notifyReceiptDeclinedFunction } from "@/inngest/functions/notifications/notify-receipt-declined";
import { notifyWorkflowStepEscalatedFunction } from "@/inngest/functions/notifications/notify-workflow-step-escalated";
import { notifyWorkflowStepOverdueFunction } from "@/inngest/functions/notifications/notify-workflow-step-overdue";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { withTenant } from "@/server/db";
import { declineReceipt } from "@/server/portal/services/decline-receipt";
import { escalateStep } from "@/server/workflows/services/escalate-step";
import { reportOverdueStep } from "@/server/workflows/services/report-overdue-step";
import { updateWorkflowRule } from "@/server/workflows/services/update-workflow-rule";
import { createAssetFixtures, createTestAsset } from "@/tests/factories/assets";
import { callerFor } from "@/tests/factories/isolation";
import { linkedEmployeeOf } from "@/tests/factories/portal";
import { asSystem, asUser, createTestTenant, createTestUser } from "@/tests/factories/tenants";
import { seedOffboarding } from "@/tests/factories/workflows";
import { bellOf, previewEngine } from "@/tests/support/preview-engine";
import { waitFor } from "@/tests/support/wait-for";

const engine = previewEngine((client, transports) => [
  createTenantFunction(client, notifyAssetAssignedFunction(transports)),
  createTenantFunction(client, notifyReceiptDeclinedFunction(transports)),
  createTenantFunction(client, notifyWorkflowStepOverdueFunction(transports)),
  createTenantFunction(client, notifyWorkflowStepEscalatedFunction(transports)),
]);

describe("more notification types, from the events that exist", () => {
  it("an employee declining equipment tells IT staff and admins why, not other employees", async () => {
    const { tenant, admin } = await createTestTenant(engine.harness.db);
    const staff = await createTestUser(engine.harness.db, tenant, "it_staff");
    const employee = await createTestUser(engine.harness.db, tenant, "employee", { name: "Dana Decliner" });
    const other = await createTestUser(engine.harness.db, tenant, "employee");
    const { categoryId } = await createAssetFixtures(engine.harness.db, tenant.id);
    const employeeId = await linkedEmployeeOf(engine.harness.db, employee);
    const asset = await createTestAsset(engine.harness.db, staff, categoryId, { name: "Wrong laptop" });
    await asUser(engine.harness.db, staff, (scope) => assignAsset(scope, { assetId: asset.id, employeeId }));
    await asUser(engine.harness.db, employee, (scope) =>
      declineReceipt(scope, { assetId: asset.id, reason: "I asked for the 14-inch one" }),
    );
    engine.harness.wake();
    const [forStaff] = await waitFor("the staff notification", async () => {
      const rows = await bellOf(engine.harness.db, staff, "receipt_declined");
      return rows.length > 0 && rows;
    });
    expect(forStaff?.title).toMatch(/declined .+$/);
    expect(forStaff?.body).toBe("Reason: I asked for the 14-inch one");
    expect(forStaff?.link).toBe(`/assets/${asset.id}`);
    await waitFor(
      "the admin notification",
      async () => (await bellOf(engine.harness.db, admin, "receipt_declined")).length === 1,
    );
    expect(await bellOf(engine.harness.db, other, "receipt_declined")).toEqual([]);
    expect(await bellOf(engine.harness.db, employee, "receipt_declined")).toEqual([]);
  });

  it("an overdue workflow step tells its assignee, with a link to the workflow", async () => {
    const { tenant, admin } = await createTestTenant(engine.harness.db);
    const staff = await createTestUser(engine.harness.db, tenant, "it_staff");
    const asAdmin = callerFor({ ...admin, tenantName: tenant.name });
    const person = await asAdmin.employees.create({
      firstName: "Rita",
      lastName: "Leaver",
      workEmail: "rita@x.test",
    });
    const flow = await seedOffboarding(engine.harness.db, asAdmin, tenant.id, person.id);
    const step = await withTenant(engine.harness.db, tenant.id, async (trx) => {
      await trx
        .updateTable("workflow_steps")
        .set({ due_at: new Date(Date.now() - 86_400_000), assignee_user_id: staff.id, assignee_role: null })
        .where("id", "=", flow.stepId)
        .execute();
      return trx
        .selectFrom("workflow_steps")
        .select("title")
        .where("id", "=", flow.stepId)
        .executeTakeFirstOrThrow();
    });
    expect(
      await asSystem(engine.harness.db, tenant.id, (scope) => reportOverdueStep(scope, flow.stepId)),
    ).toBe(true);
    engine.harness.wake();
    const [overdue] = await waitFor("the overdue notification", async () => {
      const rows = await bellOf(engine.harness.db, staff, "workflow_step_overdue");
      return rows.length > 0 && rows;
    });
    expect(overdue).toMatchObject({ title: `Overdue: ${step.title}`, link: `/workflows/${flow.id}` });
    const preview = await waitFor("the email in the preview", () =>
      withTenant(engine.harness.db, tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "to_address"])
          .where("type", "=", "workflow_step_overdue")
          .executeTakeFirst(),
      ),
    );
    expect(preview).toEqual({ subject: `Overdue: ${step.title}`, to_address: staff.email });
    expect(await bellOf(engine.harness.db, admin, "workflow_step_overdue")).toEqual([]);
  });

  it("a step escalated for lateness tells the workflow's owner who holds it, and not the assignee", async () => {
    const { tenant, admin } = await createTestTenant(engine.harness.db);
    const staff = await createTestUser(engine.harness.db, tenant, "it_staff");
    const asAdmin = callerFor({ ...admin, tenantName: tenant.name });
    const person = await asAdmin.employees.create({
      firstName: "Eli",
      lastName: "Late",
      workEmail: "eli@x.test",
    });
    // started by the admin, and the assignee has no manager: it goes to the owner
    const flow = await seedOffboarding(engine.harness.db, asAdmin, tenant.id, person.id);
    await asUser(engine.harness.db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "step_escalation",
        enabled: true,
        templateId: null,
        conditions: { afterHours: 24 },
      }),
    );
    const step = await withTenant(engine.harness.db, tenant.id, async (trx) => {
      await trx
        .updateTable("workflow_steps")
        .set({
          due_at: new Date(Date.now() - 30 * 3_600_000),
          assignee_user_id: staff.id,
          assignee_role: null,
        })
        .where("id", "=", flow.stepId)
        .execute();
      return trx
        .selectFrom("workflow_steps")
        .select("title")
        .where("id", "=", flow.stepId)
        .executeTakeFirstOrThrow();
    });
    expect(await asSystem(engine.harness.db, tenant.id, (scope) => escalateStep(scope, flow.stepId))).toBe(
      true,
    );
    engine.harness.wake();
    const [escalated] = await waitFor("the escalation notification", async () => {
      const rows = await bellOf(engine.harness.db, admin, "workflow_step_escalated");
      return rows.length > 0 && rows;
    });
    expect(escalated).toMatchObject({ title: `Escalated: ${step.title}`, link: `/workflows/${flow.id}` });
    expect(escalated?.body).toContain(`(${staff.name}) is 30 hours past its due date`);
    const preview = await waitFor("the email in the preview", () =>
      withTenant(engine.harness.db, tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "to_address", "text"])
          .where("type", "=", "workflow_step_escalated")
          .executeTakeFirst(),
      ),
    );
    expect(preview).toMatchObject({
      subject: `Escalated: ${step.title} is 30 hours overdue`,
      to_address: admin.email,
    });
    expect(preview?.text).toContain("You own this workflow.");
    expect(await bellOf(engine.harness.db, staff, "workflow_step_escalated")).toEqual([]);
  });
});
