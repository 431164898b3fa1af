import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction, tenantFunction } from "@/inngest/functions/tenant-function";
import { applyWorkflowOutcomeFunction } from "@/inngest/functions/workflows/apply-workflow-outcome";
import { createReportOverdueStepsFn } from "@/inngest/functions/workflows/report-overdue-steps";
import { startAssetStatusWorkflowFunction } from "@/inngest/functions/workflows/start-asset-status-workflow";
import { startOffboardingFunction } from "@/inngest/functions/workflows/start-offboarding";
import { unblockWaitingStepsFunction } from "@/inngest/functions/workflows/unblock-waiting-steps";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { updateWorkflowRule } from "@/server/workflows/services/update-workflow-rule";
import { createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";
import { type WorkflowEngineProbes, workflowEngineProbes } from "../support/workflow-engine";

const HOUR = 3_600_000;

/**
 * The real apply-workflow-outcome, crashing on its first attempt right after its transaction
 * committed (the process dies before the engine records the step's result): the engine retries
 * the step, which must find its effect already made.
 */
const crashingApplyOutcome = tenantFunction(
  { ...applyWorkflowOutcomeFunction.options, id: "apply-workflow-outcome-crashing" },
  (input) =>
    applyWorkflowOutcomeFunction.handler({
      ...input,
      inTenant: async (work) => {
        const result = await input.inTenant(work);
        if (input.attempt === 0) throw new Error("crashed after the effect committed");
        return result;
      },
    }),
);

/**
 * Workflows that lead to one another, through the embedded engine: a step starts the next
 * workflow, a step waits on a workflow of a kind for the same employee until its completion's
 * feedback unblocks it, completions feed back into assets (a procurement's asset received, an
 * offboarding's unreturned assets flagged), and a template's own approval escalation hours.
 */
describe("chained workflows and their feedback", () => {
  let harness: EngineHarness;
  let db: Db;
  let probes: WorkflowEngineProbes;
  beforeAll(async () => {
    harness = await startEngineHarness((client, harnessDb) => [
      createTenantFunction(client, crashingApplyOutcome),
      createTenantFunction(client, unblockWaitingStepsFunction),
      createTenantFunction(client, startOffboardingFunction),
      createTenantFunction(client, startAssetStatusWorkflowFunction),
      createReportOverdueStepsFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
    ]);
    db = harness.db;
    probes = workflowEngineProbes(harness, db);
    useDatabase({ db, driver: "postgres", close: async () => {} });
  }, 180_000);
  afterAll(() => harness?.close());

  const assetState: WorkflowEngineProbes["assetState"] = (...args) => probes.assetState(...args);

  const templateOf = async (caller: ReturnType<typeof callerFor>, kind: string) => {
    const found = (await caller.workflows.templates()).find(
      (template) => template.kind === kind && template.isDefault,
    );
    if (!found) throw new Error(`no ${kind} template`);
    return found;
  };

  it("an onboarding's order step starts a procurement; the hand-over waits on it until its completion unblocks it", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const asStaff = callerFor(staff);
    const onboarding = await templateOf(asAdmin, "onboarding");
    await asAdmin.workflows.updateTemplate({
      templateId: onboarding.id,
      baseVersion: onboarding.version,
      name: onboarding.name,
      steps: [
        {
          title: "Order a laptop",
          assignee: { type: "role", value: "it_staff" },
          startsWorkflow: "procurement",
        },
        {
          title: "Hand over the laptop",
          assignee: { type: "role", value: "it_staff" },
          waitsFor: "procurement",
        },
      ],
    });
    const { id } = await asStaff.workflows.start({ templateId: onboarding.id, employeeId: fixtures.jane.id });
    const [order, handOver] = (await asStaff.workflows.get({ id })).steps;
    expect(handOver).toMatchObject({ waitsFor: { kind: "procurement", unblockedByWorkflowId: null } });
    await expect(asStaff.workflows.completeStep({ stepId: handOver?.id ?? "" })).rejects.toThrow(
      /"Hand over the laptop" waits on a procurement workflow for the same employee/,
    );

    await asStaff.workflows.completeStep({ stepId: order?.id ?? "" });
    const [procurement] = await probes.workflowsOf(tenant.id, {
      employeeId: fixtures.jane.id,
      kind: "procurement",
    });
    const [ordered] = await probes.eventsNamed(tenant.id, "workflow.step_completed", id);
    expect(procurement).toMatchObject({ status: "pending", trigger_event_id: ordered?.id });
    // Still waiting: the procurement is not done.
    await expect(asStaff.workflows.completeStep({ stepId: handOver?.id ?? "" })).rejects.toThrow(
      /waits on a procurement/,
    );

    for (const step of (await asAdmin.workflows.get({ id: procurement?.id ?? "" })).steps) {
      if (step.needsApproval) await asAdmin.workflows.approveStep({ stepId: step.id });
      else await asStaff.workflows.completeStep({ stepId: step.id });
    }
    const unblocked = await waitFor("the hand-over unblocked", async () => {
      const events = await probes.eventsNamed(tenant.id, "workflow.step_unblocked", id);
      return events.length > 0 ? events : undefined;
    });
    const [completed] = await probes.eventsNamed(tenant.id, "workflow.completed", procurement?.id);
    expect(unblocked).toEqual([
      expect.objectContaining({
        caused_by: completed?.id,
        data: {
          stepId: handOver?.id,
          step: "Hand over the laptop",
          byWorkflowId: procurement?.id,
          kind: "procurement",
        },
      }),
    ]);
    const detail = await asStaff.workflows.get({ id });
    expect(detail.steps[1]?.waitsFor).toEqual({
      kind: "procurement",
      unblockedByWorkflowId: procurement?.id,
    });
    expect(await asStaff.workflows.completeStep({ stepId: handOver?.id ?? "" })).toEqual({
      workflowId: id,
      status: "completed",
    });
  });

  it("a procurement completed before the onboarding began unblocks its hand-over at the start; one completed 31 days earlier does not", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const asStaff = callerFor(staff);
    const procurementTemplate = await templateOf(asAdmin, "procurement");
    const completeProcurement = async (employeeId: string) => {
      const { id } = await asStaff.workflows.start({ templateId: procurementTemplate.id, employeeId });
      for (const step of (await asAdmin.workflows.get({ id })).steps) {
        if (step.needsApproval) await asAdmin.workflows.approveStep({ stepId: step.id });
        else await asStaff.workflows.completeStep({ stepId: step.id });
      }
      expect((await asStaff.workflows.get({ id })).status).toBe("completed");
      return id;
    };
    const forJane = await completeProcurement(fixtures.jane.id);
    const forOmar = await completeProcurement(fixtures.omar.id);
    // their completions' feedback has run (nothing waited then), so only the start can unblock
    await probes.settled();
    await withPlatform(db, (trx) =>
      trx
        .updateTable("workflows")
        .set({ completed_at: new Date(Date.now() - 31 * 24 * HOUR) })
        .where("id", "=", forOmar)
        .execute(),
    );

    const onboarding = await templateOf(asAdmin, "onboarding");
    await asAdmin.workflows.updateTemplate({
      templateId: onboarding.id,
      baseVersion: onboarding.version,
      name: onboarding.name,
      steps: [
        { title: "Set up accounts", assignee: { type: "role", value: "it_staff" } },
        {
          title: "Hand over the laptop",
          assignee: { type: "role", value: "it_staff" },
          waitsFor: "procurement",
        },
      ],
    });
    const janes = await asStaff.workflows.start({ templateId: onboarding.id, employeeId: fixtures.jane.id });
    const [, janesHandOver] = (await asStaff.workflows.get({ id: janes.id })).steps;
    expect(janesHandOver?.waitsFor).toEqual({ kind: "procurement", unblockedByWorkflowId: forJane });
    expect(await probes.eventsNamed(tenant.id, "workflow.step_unblocked", janes.id)).toEqual([
      expect.objectContaining({
        data: {
          stepId: janesHandOver?.id,
          step: "Hand over the laptop",
          byWorkflowId: forJane,
          kind: "procurement",
        },
      }),
    ]);
    await asStaff.workflows.completeStep({ stepId: janesHandOver?.id ?? "" });

    const omars = await asStaff.workflows.start({ templateId: onboarding.id, employeeId: fixtures.omar.id });
    const [, omarsHandOver] = (await asStaff.workflows.get({ id: omars.id })).steps;
    expect(omarsHandOver?.waitsFor).toEqual({ kind: "procurement", unblockedByWorkflowId: null });
    await expect(asStaff.workflows.completeStep({ stepId: omarsHandOver?.id ?? "" })).rejects.toThrow(
      /waits on a procurement/,
    );
  });

  it("a procurement for an asset on order receives it into stock when it completes, caused by the completion", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const asset = await createTestAsset(db, staff, fixtures.categoryId, {
      statusId: fixtures.statusOf("on_order"),
    });
    const procurement = await templateOf(asAdmin, "procurement");
    const { id } = await asAdmin.workflows.start({ templateId: procurement.id, assetId: asset.id });
    for (const step of (await asAdmin.workflows.get({ id })).steps) {
      if (step.needsApproval) await asAdmin.workflows.approveStep({ stepId: step.id });
      else await asAdmin.workflows.completeStep({ stepId: step.id });
    }
    await waitFor("the asset in stock", async () =>
      (await assetState(tenant.id, asset.id)).kind === "in_stock" ? true : undefined,
    );
    const [completed] = await probes.eventsNamed(tenant.id, "workflow.completed", id);
    const changes = await probes.eventsNamed(tenant.id, "asset.status_changed", asset.id);
    expect(changes.at(-1)).toMatchObject({ caused_by: completed?.id, data: { kind: "in_stock" } });
  });

  it("an offboarding completed with a return skipped: the returned asset is in stock, the other flagged lost with why, and its search starts", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const asStaff = callerFor(staff);
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    const phone = await createTestAsset(db, staff, fixtures.categoryId);
    for (const asset of [laptop, phone]) {
      await asUser(db, staff, (scope) =>
        assignAsset(scope, { assetId: asset.id, employeeId: fixtures.jane.id }),
      );
    }
    const today = new Date().toISOString().slice(0, 10);
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: fixtures.jane.id, terminationDate: today }),
    );
    const offboarding = await probes.oneWorkflow(tenant.id, {
      employeeId: fixtures.jane.id,
      kind: "offboarding",
    });
    for (const step of (await asStaff.workflows.get({ id: offboarding.id })).steps) {
      if (step.asset?.id === phone.id) {
        await asStaff.workflows.skipStep({ stepId: step.id, reason: "She cannot be reached" });
      } else if (step.needsApproval) await asAdmin.workflows.approveStep({ stepId: step.id });
      else await asStaff.workflows.completeStep({ stepId: step.id });
    }
    await waitFor("the phone flagged", async () =>
      (await assetState(tenant.id, phone.id)).kind === "lost" ? true : undefined,
    );
    expect(await assetState(tenant.id, laptop.id)).toEqual({ kind: "in_stock", employee_id: null });
    expect(await assetState(tenant.id, phone.id)).toEqual({ kind: "lost", employee_id: null });
    const history = await withTenant(db, tenant.id, (trx) =>
      trx
        .selectFrom("asset_transactions")
        .select(["notes", "from_employee_id"])
        .where("asset_id", "=", phone.id)
        .orderBy("occurred_at", "desc")
        .executeTakeFirstOrThrow(),
    );
    expect(history).toEqual({
      from_employee_id: fixtures.jane.id,
      notes: `Not returned by ${fixtures.jane.name} when their offboarding completed (its return step was skipped: She cannot be reached).`,
    });
    // Lost: the incident rule starts the search for it.
    expect((await probes.oneWorkflow(tenant.id, { assetId: phone.id })).kind).toBe("incident");
  });

  it("a template's approval escalation hours override the tenant's: its approval escalates after 2 hours, another step waits the tenant's 48", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "step_escalation",
        enabled: true,
        templateId: null,
        conditions: { afterHours: 48 },
      }),
    );
    const procurement = await templateOf(asAdmin, "procurement");
    await asAdmin.workflows.updateTemplate({
      templateId: procurement.id,
      baseVersion: procurement.version,
      name: procurement.name,
      approvalEscalationHours: 2,
      steps: procurement.steps,
    });
    expect((await templateOf(asAdmin, "procurement")).approvalEscalationHours).toBe(2);
    const { id } = await asAdmin.workflows.start({
      templateId: procurement.id,
      employeeId: fixtures.omar.id,
    });
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const repair = await asAdmin.workflows.start({
      templateId: (await templateOf(asAdmin, "repair")).id,
      assetId: asset.id,
    });
    const approval = (await asAdmin.workflows.get({ id })).steps.find((step) => step.needsApproval);
    const [repairStep] = (await asAdmin.workflows.get({ id: repair.id })).steps;
    // Both three hours past due: past the template's two, far from the tenant's forty-eight.
    await withPlatform(db, (trx) =>
      trx
        .updateTable("workflow_steps")
        .set({ due_at: new Date(Date.now() - 3 * HOUR) })
        .where("id", "in", [approval?.id ?? "", repairStep?.id ?? ""])
        .execute(),
    );
    harness.wake();
    const escalated = await waitFor("the approval escalated", async () => {
      const events = await probes.eventsNamed(tenant.id, "workflow.step_escalated", id);
      return events.length > 0 ? events : undefined;
    });
    expect(escalated.map((event) => event.data)).toEqual([
      expect.objectContaining({ stepId: approval?.id, hoursOverdue: 3 }),
    ]);
    const sweptAfter = Date.now();
    await waitFor("a later sweep", async () => {
      const runs = await harness.runsFor("report-overdue-steps");
      return runs.some((run) => run.status === "completed" && new Date(run.created_at).getTime() > sweptAfter)
        ? true
        : undefined;
    });
    expect(await probes.eventsNamed(tenant.id, "workflow.step_escalated", repair.id)).toEqual([]);
  });

  it("an asset status change feeds back nothing twice: a lost asset found again by hand is left alone by a later incident completion", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "lost" }));
    const incident = await probes.oneWorkflow(tenant.id, { assetId: asset.id });
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_stock" }));
    const asStaff = callerFor(staff);
    for (const step of (await asStaff.workflows.get({ id: incident.id })).steps) {
      await asStaff.workflows.completeStep({
        stepId: step.id,
        ...(step.outcomes ? { outcome: "found" } : {}),
      });
    }
    await probes.settled();
    const changes = await probes.eventsNamed(tenant.id, "asset.status_changed", asset.id);
    expect(changes.map((event) => (event.data as { kind: string }).kind)).toEqual(["lost", "in_stock"]);
  });

  it("a crash between the outcome's effect and its recorded completion: the retry changes nothing twice, the search starts once", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const asStaff = callerFor(staff);
    const phone = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: phone.id, employeeId: fixtures.omar.id }),
    );
    const offboarding = await templateOf(asAdmin, "offboarding");
    const { id } = await asStaff.workflows.start({
      templateId: offboarding.id,
      employeeId: fixtures.omar.id,
    });
    for (const step of (await asStaff.workflows.get({ id })).steps) {
      if (step.action?.type === "return_asset") {
        await asStaff.workflows.skipStep({ stepId: step.id, reason: "Never answered" });
      } else if (step.needsApproval) await asAdmin.workflows.approveStep({ stepId: step.id });
      else await asStaff.workflows.completeStep({ stepId: step.id });
    }
    const [completed] = await probes.eventsNamed(tenant.id, "workflow.completed", id);
    const run = await waitFor("the outcome run completed after its retry", async () =>
      (await harness.runsFor("apply-workflow-outcome-crashing")).find(
        (candidate) =>
          candidate.status === "completed" &&
          JSON.stringify(candidate.trigger_event).includes(completed?.id ?? "-"),
      ),
    );
    const [applied] = (await harness.stepsOf(run.id)).filter((step) => step.name === "apply-outcome");
    // The step ran twice, the crash then the retry, which found the phone flagged already.
    expect(applied?.attempts).toBe(2);
    expect(run.output).toEqual({ changed: [], licensesRevoked: 0 });
    const lost = (await probes.eventsNamed(tenant.id, "asset.status_changed", phone.id)).filter(
      (event) => (event.data as { kind: string }).kind === "lost",
    );
    expect(lost).toHaveLength(1);
    expect(lost[0]?.caused_by).toBe(completed?.id);
    expect(await probes.eventsNamed(tenant.id, "workflow.completed", id)).toHaveLength(1);
    expect((await probes.oneWorkflow(tenant.id, { assetId: phone.id })).kind).toBe("incident");
  });
});
