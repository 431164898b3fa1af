import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { createReportOverdueStepsFn } from "@/inngest/functions/workflows/report-overdue-steps";
import { startAccessReviewFunction } from "@/inngest/functions/workflows/start-access-review";
import {
  startEquipmentReturnFunction,
  startLocationTransferVerificationFunction,
  startTransferVerificationFunction,
} from "@/inngest/functions/workflows/start-asset-movement-workflow";
import {
  startAssetStatusWorkflowFunction,
  startRepairOnReturnFunction,
} from "@/inngest/functions/workflows/start-asset-status-workflow";
import {
  startOnboardingFunction,
  startOnboardingOnAssignmentFunction,
} from "@/inngest/functions/workflows/start-onboarding";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { moveAsset } from "@/server/assets/services/move-asset";
import { returnAsset } from "@/server/assets/services/return-asset";
import { transferAsset } from "@/server/assets/services/transfer-asset";
import type { TenantScope } from "@/server/context";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { updateEmployee } from "@/server/employees/services/update-employee";
import { stepsOf } from "@/server/workflows/queries";
import type { UpdateTemplateInput } from "@/server/workflows/rule-schemas";
import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { updateWorkflowRule } from "@/server/workflows/services/update-workflow-rule";
import { createAssetFixtures, createTestAsset, createTestCategory } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asSystem, asUser, createTestUser, type TestUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";
import { type WorkflowEngineProbes, workflowEngineProbes } from "../support/workflow-engine";

const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/**
 * The automation rules end to end through the embedded engine: each trigger starts its workflow
 * once, only while the tenant's rule is on and its conditions hold, and the deadline sweep
 * escalates a step left open too long, recorded in the workflow's history.
 */
describe("workflow rules through the embedded engine", () => {
  let harness: EngineHarness;
  let db: Db;
  let probes: WorkflowEngineProbes;
  beforeAll(async () => {
    harness = await startEngineHarness((client, harnessDb) => [
      createTenantFunction(client, startOnboardingFunction),
      createTenantFunction(client, startOnboardingOnAssignmentFunction),
      createTenantFunction(client, startEquipmentReturnFunction),
      createTenantFunction(client, startTransferVerificationFunction),
      createTenantFunction(client, startLocationTransferVerificationFunction),
      createTenantFunction(client, startAccessReviewFunction),
      createTenantFunction(client, startAssetStatusWorkflowFunction),
      createTenantFunction(client, startRepairOnReturnFunction),
      createReportOverdueStepsFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
    ]);
    db = harness.db;
    probes = workflowEngineProbes(harness, db);
    useDatabase({ db, driver: "postgres", close: async () => {} });
    // A fresh embedded PGlite migrates first: slow on a busy machine.
  }, 180_000);
  afterAll(() => harness?.close());

  const tenantWithStaff = () => createWorkflowTenant(db);

  const workflowsOf: WorkflowEngineProbes["workflowsOf"] = (...args) => probes.workflowsOf(...args);
  const eventsNamed: WorkflowEngineProbes["eventsNamed"] = (...args) => probes.eventsNamed(...args);
  const settled = () => probes.settled();
  const oneWorkflow: WorkflowEngineProbes["oneWorkflow"] = (...args) => probes.oneWorkflow(...args);

  const newHire = (staff: TestUser, hireDate: string | null, extra: Record<string, unknown> = {}) =>
    asUser(db, staff, (scope) =>
      createEmployee(scope, {
        firstName: "New",
        lastName: `Hire ${randomUUID().slice(0, 6)}`,
        hireDate,
        ...extra,
      }),
    );

  it("a new hire (future hire date) gets one onboarding with due dates counted from the hire date; the same event twice starts one", async () => {
    const { tenant, staff } = await tenantWithStaff();
    const hireDate = isoDay(20);
    const hire = await newHire(staff, hireDate);

    const onboarding = await oneWorkflow(tenant.id, { employeeId: hire.id });
    const [created] = await eventsNamed(tenant.id, "employee.created", hire.id);
    expect(onboarding).toMatchObject({
      kind: "onboarding",
      rule: "onboarding_new_hire",
      trigger_event_id: created?.id,
    });
    const steps = await withTenant(db, tenant.id, (trx) => stepsOf(trx, tenant.id, onboarding.id));
    const hireAt = Date.parse(`${hireDate}T09:00:00Z`);
    // "Prepare a laptop" three days before the first day, the check-in a week after.
    expect(steps.map((step) => step.dueAt?.getTime())).toEqual([
      hireAt - 3 * DAY,
      hireAt - 2 * DAY,
      hireAt,
      hireAt + 7 * DAY,
    ]);

    const again = await asSystem(db, tenant.id, (scope) =>
      runWorkflowRule(scope, {
        rule: "onboarding_new_hire",
        employeeId: hire.id,
        triggerEventId: created?.id ?? "",
      }),
    );
    expect(again).toEqual({ workflowId: onboarding.id, created: false });
    expect(await eventsNamed(tenant.id, "workflow.created", onboarding.id)).toHaveLength(1);

    // Their first laptop: an onboarding is open, so the assignment rule starts no second one.
    const fixtures = await createAssetFixtures(db, tenant.id);
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => assignAsset(scope, { assetId: laptop.id, employeeId: hire.id }));
    await settled();
    expect(await workflowsOf(tenant.id, { employeeId: hire.id, kind: "onboarding" })).toHaveLength(1);
  });

  it("first equipment for someone hired recently, added before the rule, starts their onboarding; for someone hired long ago none", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    await withPlatform(db, async (trx) => {
      await trx
        .updateTable("employees")
        .set({ hire_date: isoDay(-5) })
        .where("id", "=", fixtures.jane.id)
        .execute();
      await trx
        .updateTable("employees")
        .set({ hire_date: isoDay(-90) })
        .where("id", "=", fixtures.omar.id)
        .execute();
    });
    for (const employeeId of [fixtures.jane.id, fixtures.omar.id]) {
      const laptop = await createTestAsset(db, staff, fixtures.categoryId);
      await asUser(db, staff, (scope) => assignAsset(scope, { assetId: laptop.id, employeeId }));
    }
    const onboarding = await oneWorkflow(tenant.id, { employeeId: fixtures.jane.id });
    expect(onboarding).toMatchObject({ kind: "onboarding", rule: "onboarding_first_asset" });
    expect(await workflowsOf(tenant.id, { employeeId: fixtures.omar.id })).toEqual([]);
  });

  it("an HR sync's new hire (integration actor) is onboarded; someone hired long ago, or outside the rule's days, is not", async () => {
    const { tenant, admin, staff } = await tenantWithStaff();
    const synced = await withTenant(db, tenant.id, (trx) => {
      const scope: TenantScope = {
        db: trx,
        tenantId: tenant.id,
        actor: { type: "integration", id: randomUUID(), label: "BambooHR" },
        requestId: "sync",
        cause: null,
      };
      return createEmployee(scope, { firstName: "Synced", lastName: "Hire", hireDate: isoDay(-3) });
    });
    const veteran = await newHire(staff, isoDay(-400));
    const noDate = await newHire(staff, null);
    const onboarding = await oneWorkflow(tenant.id, { employeeId: synced.id });
    expect(onboarding.rule).toBe("onboarding_new_hire");
    expect(await workflowsOf(tenant.id, { employeeId: veteran.id })).toEqual([]);
    expect(await workflowsOf(tenant.id, { employeeId: noDate.id })).toEqual([]);

    // Narrowed to hires within 2 days: someone who started 3 days ago is left out.
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "onboarding_new_hire",
        enabled: true,
        templateId: null,
        conditions: { hireWithinDays: 2 },
      }),
    );
    const lateStarter = await newHire(staff, isoDay(-3));
    await settled();
    expect(await workflowsOf(tenant.id, { employeeId: lateStarter.id })).toEqual([]);
  });

  it("a rule switched off starts nothing, and starts again once it is back on", async () => {
    const { tenant, admin, staff } = await tenantWithStaff();
    const off = { rule: "onboarding_new_hire", enabled: false, templateId: null, conditions: {} } as const;
    const saved = await asUser(db, admin, (scope) => updateWorkflowRule(scope, off));
    expect(saved).toEqual({ rule: "onboarding_new_hire", changed: true });
    expect(await asUser(db, admin, (scope) => updateWorkflowRule(scope, off))).toMatchObject({
      changed: false,
    });
    const [updated] = await eventsNamed(tenant.id, "workflow_rule.updated", "onboarding_new_hire");
    expect(updated?.data).toEqual({ changes: { enabled: { before: true, after: false } } });

    const ignored = await newHire(staff, isoDay(5));
    await settled();
    expect(await workflowsOf(tenant.id, { employeeId: ignored.id })).toEqual([]);

    await asUser(db, admin, (scope) => updateWorkflowRule(scope, { ...off, enabled: true }));
    const welcomed = await newHire(staff, isoDay(5));
    expect((await oneWorkflow(tenant.id, { employeeId: welcomed.id })).kind).toBe("onboarding");
  });

  it("rule settings: admins only, a template of the rule's kind, conditions that exist", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    const adminCaller = callerFor(admin);
    const staffCaller = callerFor(staff);
    await expect(staffCaller.workflows.rules()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const page = await adminCaller.workflows.rules();
    expect(page.rules.map((rule) => [rule.rule, rule.enabled])).toContainEqual(["access_review", true]);
    const repairTemplate = page.templates.find((template) => template.kind === "repair");
    await expect(
      adminCaller.workflows.updateRule({
        rule: "incident",
        enabled: true,
        templateId: repairTemplate?.id ?? "",
        conditions: {},
      }),
    ).rejects.toThrow(/This rule starts incident workflows: choose a template of that kind/);
    await expect(
      adminCaller.workflows.updateRule({
        rule: "repair",
        enabled: true,
        templateId: null,
        conditions: { categoryIds: [randomUUID()] },
      }),
    ).rejects.toThrow(/no longer exists/);
    await adminCaller.workflows.updateRule({
      rule: "repair",
      enabled: true,
      templateId: repairTemplate?.id ?? null,
      conditions: { categoryIds: [fixtures.categoryId], hireWithinDays: 3 },
    });
    const after = await adminCaller.workflows.rules();
    const repair = after.rules.find((rule) => rule.rule === "repair");
    // Conditions the rule does not have are dropped.
    expect(repair).toMatchObject({ conditions: { categoryIds: [fixtures.categoryId] } });
    expect(repair?.conditions).not.toHaveProperty("hireWithinDays");
    const [stored] = await eventsNamed(tenant.id, "workflow_rule.updated", "repair");
    expect(stored?.actor_label).toContain(admin.email);
  });

  it("repair only for the rule's categories: a broken asset of another category starts none", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "repair",
        enabled: true,
        templateId: null,
        conditions: { categoryIds: [fixtures.categoryId] },
      }),
    );
    const other = await createTestCategory(db, tenant.id, "Monitors");
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    const monitor = await createTestAsset(db, staff, other.id);
    for (const asset of [laptop, monitor]) {
      await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    }
    expect((await oneWorkflow(tenant.id, { assetId: laptop.id })).rule).toBe("repair");
    expect(await workflowsOf(tenant.id, { assetId: monitor.id })).toEqual([]);
  });

  it("a return in working order starts an equipment return; a transfer and a move each start a transfer verification", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const returned = await createTestAsset(db, staff, fixtures.categoryId);
    const handedOn = await createTestAsset(db, staff, fixtures.categoryId);
    const moved = await createTestAsset(db, staff, fixtures.categoryId);
    for (const asset of [returned, handedOn]) {
      await asUser(db, staff, (scope) =>
        assignAsset(scope, { assetId: asset.id, employeeId: fixtures.jane.id }),
      );
    }
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: returned.id, condition: "good", toKind: "in_stock" }),
    );
    await asUser(db, staff, (scope) =>
      transferAsset(scope, { assetId: handedOn.id, toEmployeeId: fixtures.omar.id }),
    );
    const location = await withPlatform(db, (trx) =>
      trx
        .insertInto("locations")
        .values({ tenant_id: tenant.id, name: `Annex ${randomUUID().slice(0, 6)}`, kind: "site" })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    await asUser(db, staff, (scope) => moveAsset(scope, { assetId: moved.id, locationId: location.id }));

    const check = await oneWorkflow(tenant.id, { assetId: returned.id });
    expect(check).toMatchObject({
      kind: "equipment_return",
      rule: "equipment_return",
      employee_id: fixtures.jane.id,
    });
    const transfer = await oneWorkflow(tenant.id, { assetId: handedOn.id });
    expect(transfer).toMatchObject({ kind: "transfer_verification", employee_id: fixtures.omar.id });
    const move = await oneWorkflow(tenant.id, { assetId: moved.id });
    expect(move).toMatchObject({ kind: "transfer_verification", employee_id: null });
  });

  it("a title change starts one access review, five quick edits still one; a phone change none", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    await asUser(db, staff, (scope) =>
      updateEmployee(scope, { employeeId: fixtures.omar.id, phone: "+1 555 0100" }),
    );
    for (let edit = 1; edit <= 5; edit++) {
      await asUser(db, staff, (scope) =>
        updateEmployee(scope, { employeeId: fixtures.jane.id, title: `Engineer ${edit}` }),
      );
    }
    const review = await oneWorkflow(tenant.id, { employeeId: fixtures.jane.id });
    expect(review).toMatchObject({ kind: "access_review", rule: "access_review" });
    expect(await eventsNamed(tenant.id, "employee.updated", fixtures.jane.id)).toHaveLength(5);
    expect(await workflowsOf(tenant.id, { employeeId: fixtures.omar.id })).toEqual([]);
  });

  it("a copied template is a second one of its kind: a rule pointed at it starts its workflows from it", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    const asAdmin = callerFor(admin);
    const repair = (await asAdmin.workflows.templates()).find((template) => template.kind === "repair");
    if (!repair) throw new Error("no repair template");
    await expect(
      callerFor(staff).workflows.duplicateTemplate({ templateId: repair.id, name: "Repair (vendor)" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      asAdmin.workflows.duplicateTemplate({ templateId: repair.id, name: repair.name.toUpperCase() }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("choose another name") });

    const copy = await asAdmin.workflows.duplicateTemplate({
      templateId: repair.id,
      name: "Repair (vendor)",
    });
    const templates = await asAdmin.workflows.templates();
    expect(templates.find((template) => template.id === copy.id)).toMatchObject({
      kind: "repair",
      name: "Repair (vendor)",
      version: 1,
      isDefault: false,
      steps: repair.steps,
    });
    expect(templates.find((template) => template.id === repair.id)?.isDefault).toBe(true);
    const [created] = await eventsNamed(tenant.id, "workflow_template.created", copy.id);
    expect(created?.data).toMatchObject({ via: "copy", copiedFrom: repair.id, name: "Repair (vendor)" });

    // The copy gets its own steps, and the repair rule now starts from it.
    await asAdmin.workflows.updateTemplate({
      templateId: copy.id,
      baseVersion: 1,
      name: "Repair (vendor)",
      steps: [{ title: "Ship to the vendor", assignee: { type: "role", value: "it_staff" } }],
    });
    await asAdmin.workflows.updateRule({
      rule: "repair",
      enabled: true,
      templateId: copy.id,
      conditions: {},
    });
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: laptop.id, kind: "in_repair" }));
    const workflow = await oneWorkflow(tenant.id, { assetId: laptop.id });
    const steps = await withTenant(db, tenant.id, (trx) => stepsOf(trx, tenant.id, workflow.id));
    expect(steps.map((step) => step.title)).toEqual(["Ship to the vendor"]);
  });

  it("a template saved in the editor is a new version: new workflows use it, a running one keeps its steps", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    const asAdmin = callerFor(admin);
    const repairTemplate = (await asAdmin.workflows.templates()).find(
      (template) => template.kind === "repair",
    );
    if (!repairTemplate) throw new Error("no repair template");
    const running = await asAdmin.workflows.start({
      templateId: repairTemplate.id,
      assetId: (await createTestAsset(db, staff, fixtures.categoryId)).id,
    });
    const edited: UpdateTemplateInput = {
      templateId: repairTemplate.id,
      baseVersion: repairTemplate.version,
      name: "Repair (vendor)",
      steps: [
        {
          title: "Ship to the vendor",
          instructions: "Use the **prepaid** label.",
          assignee: { type: "role", value: "it_staff" },
        },
        { title: "Check it works", assignee: { type: "user", value: staff.id }, dueOffsetDays: 7 },
      ],
    };
    await expect(callerFor(staff).workflows.updateTemplate(edited)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      asAdmin.workflows.updateTemplate({
        ...edited,
        steps: [{ title: "Nobody", assignee: { type: "user", value: randomUUID() } }],
      }),
    ).rejects.toThrow(/Step 1: choose a person with an active account/);
    // Revoking "the step's licence" needs a step repeated per held licence: refused on its field.
    await expect(
      asAdmin.workflows.updateTemplate({
        ...edited,
        steps: [
          {
            title: "Revoke",
            assignee: { type: "role", value: "it_staff" },
            action: { type: "revoke_license" },
          },
        ],
      }),
    ).rejects.toMatchObject({
      message: "Step 1: Revoking the step's licence needs the step repeated per licence the employee holds.",
      cause: expect.objectContaining({ details: { field: "steps.0.action" } }),
    });
    expect(await asAdmin.workflows.updateTemplate(edited)).toEqual({
      id: repairTemplate.id,
      version: repairTemplate.version + 1,
    });
    // Saved over a version that is no longer current: refused, nothing written.
    await expect(asAdmin.workflows.updateTemplate(edited)).rejects.toMatchObject({ code: "CONFLICT" });

    const fresh = await asAdmin.workflows.start({
      templateId: repairTemplate.id,
      assetId: (await createTestAsset(db, staff, fixtures.categoryId)).id,
    });
    const [before, after] = await Promise.all([
      asAdmin.workflows.get({ id: running.id }),
      asAdmin.workflows.get({ id: fresh.id }),
    ]);
    expect(before.steps.map((step) => step.title)).toEqual(repairTemplate.steps.map((step) => step.title));
    expect(before.templateVersion).toBe(repairTemplate.version);
    expect(after).toMatchObject({
      templateName: "Repair (vendor)",
      templateVersion: repairTemplate.version + 1,
    });
    expect(after.steps.map((step) => [step.title, step.assignee])).toEqual([
      ["Ship to the vendor", { type: "role", role: "it_staff" }],
      ["Check it works", { type: "user", userId: staff.id, name: staff.name }],
    ]);
    const [saved] = await eventsNamed(tenant.id, "workflow_template.updated", repairTemplate.id);
    expect(saved?.data).toMatchObject({ version: repairTemplate.version + 1, steps: 2 });
  });

  it("a step open a day past due escalates once to the assignee's manager, in the workflow's history", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    const manager = await createTestUser(db, tenant, "it_staff");
    // The assignee (staff) is Jane, whose manager Omar signs in as `manager`.
    await withPlatform(db, async (trx) => {
      await trx
        .updateTable("employees")
        .set({ user_id: manager.id })
        .where("id", "=", fixtures.omar.id)
        .execute();
      await trx
        .updateTable("employees")
        .set({ user_id: staff.id, manager_id: fixtures.omar.id })
        .where("id", "=", fixtures.jane.id)
        .execute();
    });
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "step_escalation",
        enabled: true,
        templateId: null,
        conditions: { afterHours: 4 },
      }),
    );
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    const repair = await oneWorkflow(tenant.id, { assetId: asset.id });
    const [late, recent] = await withTenant(db, tenant.id, (trx) => stepsOf(trx, tenant.id, repair.id));
    await withPlatform(db, async (trx) => {
      await trx
        .updateTable("workflow_steps")
        .set({
          assignee_user_id: staff.id,
          assignee_role: null,
          due_at: new Date(Date.now() - 5 * 3_600_000),
        })
        .where("id", "=", late?.id ?? "")
        .execute();
      // Overdue, but not yet for the tenant's four hours.
      await trx
        .updateTable("workflow_steps")
        .set({ due_at: new Date(Date.now() - 3 * 3_600_000) })
        .where("id", "=", recent?.id ?? "")
        .execute();
    });
    const escalated = await waitFor("the escalation", async () => {
      const events = await eventsNamed(tenant.id, "workflow.step_escalated", repair.id);
      return events.length > 0 ? events : undefined;
    });
    expect(escalated.map((event) => event.data)).toEqual([
      expect.objectContaining({ stepId: late?.id, escalatedTo: "manager", toUserIds: [manager.id] }),
    ]);
    const sweptAfter = Date.now();
    await waitFor("a later sweep", async () => {
      const runs = await harness.runsFor("report-overdue-steps");
      return runs.some((run) => run.status === "completed" && new Date(run.created_at).getTime() > sweptAfter)
        ? true
        : undefined;
    });
    expect(await eventsNamed(tenant.id, "workflow.step_escalated", repair.id)).toHaveLength(1);
    const detail = await callerFor(staff).workflows.get({ id: repair.id });
    expect(detail.timeline.map((entry) => entry.name)).toContain("workflow.step_escalated");
  });
});
