import { describe, expect, it } from "vitest";
import { notifyWorkflowAssignedFunction } from "@/inngest/functions/notifications/notify-workflow-assigned";
import { notifyWorkflowCompletedFunction } from "@/inngest/functions/notifications/notify-workflow-completed";
import {
  notifyWorkflowStepAssignedFunction,
  notifyWorkflowStepUnblockedFunction,
} from "@/inngest/functions/notifications/notify-workflow-step-assigned";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { withTenant } from "@/server/db";
import { stepsOf } from "@/server/workflows/queries";
import { completeStep } from "@/server/workflows/services/complete-step";
import { approveStep } from "@/server/workflows/services/decide-step";
import { reassignStep } from "@/server/workflows/services/reassign-step";
import { startWorkflow } from "@/server/workflows/services/start-workflow";
import { unblockWaitingSteps } from "@/server/workflows/services/unblock-waiting-steps";
import { updateWorkflowTemplate } from "@/server/workflows/services/update-workflow-template";
import { defaultTemplateId } from "@/server/workflows/template-queries";
import { createTestAsset } from "@/tests/factories/assets";
import { asSystem, asUser, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { createWorkflowTenant } from "@/tests/factories/workflows";
import { bellOf, previewEngine } from "@/tests/support/preview-engine";
import { waitFor } from "@/tests/support/wait-for";

const engine = previewEngine((client, transports) => [
  createTenantFunction(client, notifyWorkflowAssignedFunction(transports)),
  createTenantFunction(client, notifyWorkflowStepAssignedFunction(transports)),
  createTenantFunction(client, notifyWorkflowStepUnblockedFunction(transports)),
  createTenantFunction(client, notifyWorkflowCompletedFunction(transports)),
]);

/** Waits for `user`'s bell to hold a notification of `type`, and returns them all. */
const waitForBell = (user: TestUser, type: string) =>
  waitFor(`${user.name}'s ${type} notification`, async () => {
    const rows = await bellOf(engine.harness.db, user, type);
    return rows.length > 0 && rows;
  });

/**
 * A tenant whose purchase template gives a step to one IT person, an approval to a second admin
 * and a last step (with an outcome to choose) to every IT person; the first admin starts it by
 * hand and has no step. An employee account has nothing to do with it.
 */
async function purchaseStartedByHand() {
  const { tenant, admin, staff, fixtures } = await createWorkflowTenant(engine.harness.db);
  const staff2 = await createTestUser(engine.harness.db, tenant, "it_staff", { name: "Ivo Second" });
  const approver = await createTestUser(engine.harness.db, tenant, "admin", { name: "Ana Approver" });
  const employee = await createTestUser(engine.harness.db, tenant, "employee", { name: "Eve Employee" });
  const templateId = await withTenant(engine.harness.db, tenant.id, (trx) =>
    defaultTemplateId(trx, tenant.id, "procurement"),
  );
  if (!templateId) throw new Error("no default procurement template");
  await asUser(engine.harness.db, admin, (scope) =>
    updateWorkflowTemplate(scope, {
      templateId,
      baseVersion: 1,
      name: "Laptop purchase",
      steps: [
        { title: "Check the paperwork", assignee: { type: "user", value: staff.id } },
        {
          title: "Sign off the purchase",
          assignee: { type: "user", value: approver.id },
          needsApproval: "admin",
        },
        {
          title: "Unpack the delivery",
          assignee: { type: "role", value: "it_staff" },
          outcomes: ["received", "sent_back"],
        },
      ],
    }),
  );
  const asset = await createTestAsset(engine.harness.db, staff, fixtures.categoryId);
  const { id } = await asUser(engine.harness.db, admin, (scope) =>
    startWorkflow(scope, { templateId, assetId: asset.id }),
  );
  const { title, steps } = await withTenant(engine.harness.db, tenant.id, async (trx) => ({
    title: (await trx.selectFrom("workflows").select("title").where("id", "=", id).executeTakeFirstOrThrow())
      .title,
    steps: await stepsOf(trx, tenant.id, id),
  }));
  const [paperwork, signOff, unpack] = steps.map((step) => step.id) as [string, string, string];
  engine.harness.wake();
  return {
    tenant,
    admin: admin as TestUser,
    staff,
    staff2,
    approver,
    employee,
    workflow: { id, title, paperwork, signOff, unpack },
  };
}

describe("workflow notifications through the embedded engine", () => {
  it("a workflow started by hand tells each assignee once what is theirs, and not the starter", async () => {
    const w = await purchaseStartedByHand();
    const link = `/workflows/${w.workflow.id}`;
    const title = `New workflow: ${w.workflow.title}`;

    // staff has a step of their own and the IT staff's last step: one notification for both
    expect(await waitForBell(w.staff, "workflow_assigned")).toEqual([
      { title, body: "2 steps are yours.", link },
    ]);
    expect(await waitForBell(w.staff2, "workflow_assigned")).toEqual([
      { title, body: "1 step is yours.", link },
    ]);
    const [approval] = await waitForBell(w.approver, "workflow_assigned");
    expect(approval).toMatchObject({ title, link });
    expect(approval?.body).toBe('1 step is yours. Approval required: "Sign off the purchase".');
    // one run notifies everyone in one transaction: the others' bells are settled by now
    expect(await bellOf(engine.harness.db, w.admin, "workflow_assigned")).toEqual([]);
    expect(await bellOf(engine.harness.db, w.employee, "workflow_assigned")).toEqual([]);

    const mail = await waitFor("the approver's email in the preview", () =>
      withTenant(engine.harness.db, w.tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "to_address", "text"])
          .where("type", "=", "workflow_assigned")
          .where("to_address", "=", w.approver.email)
          .executeTakeFirst(),
      ),
    );
    expect(mail.subject).toBe(title);
    expect(mail.text).toContain("Sign off the purchase (approval required)");
  });

  it("a reassigned step tells its new assignee, and not whoever reassigned it", async () => {
    const w = await purchaseStartedByHand();
    const link = `/workflows/${w.workflow.id}`;
    // staff hands their step to the whole IT team, themself included: only the colleague hears it
    await asUser(engine.harness.db, w.staff, (scope) =>
      reassignStep(scope, { stepId: w.workflow.paperwork, assignee: { type: "role", role: "it_staff" } }),
    );
    // the approver hands the approval to the admin who started the workflow
    await asUser(engine.harness.db, w.approver, (scope) =>
      reassignStep(scope, { stepId: w.workflow.signOff, assignee: { type: "user", userId: w.admin.id } }),
    );
    engine.harness.wake();

    const [toColleague] = await waitForBell(w.staff2, "workflow_step_assigned");
    expect(toColleague).toMatchObject({ title: "Assigned to you: Check the paperwork", link });
    expect(toColleague?.body).toContain(w.workflow.title);
    const [toAdmin] = await waitForBell(w.admin, "workflow_step_assigned");
    expect(toAdmin).toMatchObject({ title: "Approval required: Sign off the purchase", link });
    expect(await bellOf(engine.harness.db, w.staff, "workflow_step_assigned")).toEqual([]);
    expect(await bellOf(engine.harness.db, w.approver, "workflow_step_assigned")).toEqual([]);

    const mail = await waitFor("the admin's email in the preview", () =>
      withTenant(engine.harness.db, w.tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "text"])
          .where("type", "=", "workflow_step_assigned")
          .where("to_address", "=", w.admin.email)
          .executeTakeFirst(),
      ),
    );
    expect(mail.subject).toBe("Approval required: Sign off the purchase");
    expect(mail.text).toContain("Ana Approver gave you");
  });

  it("a step that waited on another workflow tells its assignee it is ready once that one completes", async () => {
    const db = engine.harness.db;
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const colleague = await createTestUser(db, tenant, "it_staff", { name: "Ivo Colleague" });
    const templateOf = (kind: "onboarding" | "procurement") =>
      withTenant(db, tenant.id, async (trx) => (await defaultTemplateId(trx, tenant.id, kind)) ?? "");
    const onboarding = await templateOf("onboarding");
    await asUser(db, admin, (scope) =>
      updateWorkflowTemplate(scope, {
        templateId: onboarding,
        baseVersion: 1,
        name: "Onboarding",
        steps: [
          {
            title: "Hand over the laptop",
            assignee: { type: "user", value: staff.id },
            waitsFor: "procurement",
          },
        ],
      }),
    );
    const waiting = await asUser(db, admin, (scope) =>
      startWorkflow(scope, { templateId: onboarding, employeeId: fixtures.jane.id }),
    );
    const procurementTemplate = await templateOf("procurement");
    const procurement = await asUser(db, admin, (scope) =>
      startWorkflow(scope, { templateId: procurementTemplate, employeeId: fixtures.jane.id }),
    );
    // What the engine does when the procurement completes (tested through it in workflows-chaining.int).
    await asSystem(db, tenant.id, (scope) =>
      unblockWaitingSteps(scope, {
        workflowId: procurement.id,
        kind: "procurement",
        employeeId: fixtures.jane.id,
        assetId: null,
      }),
    );
    engine.harness.wake();

    const [ready] = await waitForBell(staff, "workflow_step_assigned");
    expect(ready).toMatchObject({
      title: "Ready for you: Hand over the laptop",
      link: `/workflows/${waiting.id}`,
    });
    expect(ready?.body).toContain("can be done now: the procurement it waited on is completed");
    const mail = await waitFor("the assignee's email in the preview", () =>
      withTenant(db, tenant.id, (trx) =>
        trx
          .selectFrom("mail_previews")
          .select(["subject", "text"])
          .where("type", "=", "workflow_step_assigned")
          .where("to_address", "=", staff.email)
          .executeTakeFirst(),
      ),
    );
    expect(mail.subject).toBe("Ready for you: Hand over the laptop");
    expect(mail.text).toContain("can be done now: the procurement it waited on is completed");
    // Not the step's: the colleague hears nothing of it.
    expect(await bellOf(db, colleague, "workflow_step_assigned")).toEqual([]);
  });

  it("completing a workflow tells its starter and assignees in the bell, not whoever completed it", async () => {
    const w = await purchaseStartedByHand();
    await asUser(engine.harness.db, w.staff, (scope) =>
      completeStep(scope, { stepId: w.workflow.paperwork }),
    );
    await asUser(engine.harness.db, w.approver, (scope) =>
      approveStep(scope, { stepId: w.workflow.signOff }),
    );
    const done = await asUser(engine.harness.db, w.staff2, (scope) =>
      completeStep(scope, { stepId: w.workflow.unpack, outcome: "received" }),
    );
    expect(done.status).toBe("completed");
    engine.harness.wake();

    const expected = {
      title: `Completed: ${w.workflow.title} (received)`,
      link: `/workflows/${w.workflow.id}`,
    };
    for (const user of [w.admin, w.staff, w.approver]) {
      const rows = await waitForBell(user, "workflow_completed");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject(expected);
    }
    expect(await bellOf(engine.harness.db, w.staff2, "workflow_completed")).toEqual([]);
    expect(await bellOf(engine.harness.db, w.employee, "workflow_completed")).toEqual([]);
    // nothing left to act on: the bell only, no email unless someone asks for it
    const emails = await withTenant(engine.harness.db, w.tenant.id, (trx) =>
      trx
        .selectFrom("notification_deliveries")
        .select("id")
        .where("type", "=", "workflow_completed")
        .where("channel", "=", "email")
        .execute(),
    );
    expect(emails).toEqual([]);
  });
});
