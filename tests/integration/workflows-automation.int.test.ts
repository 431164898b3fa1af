import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { applyWorkflowOutcomeFunction } from "@/inngest/functions/workflows/apply-workflow-outcome";
import { createReportOverdueStepsFn } from "@/inngest/functions/workflows/report-overdue-steps";
import {
  startAssetStatusWorkflowFunction,
  startRepairOnReturnFunction,
} from "@/inngest/functions/workflows/start-asset-status-workflow";
import { startOffboardingFunction } from "@/inngest/functions/workflows/start-offboarding";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { returnAsset } from "@/server/assets/services/return-asset";
import { readCausalChain } from "@/server/audit/causation";
import { getRun } from "@/server/automation/queries";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { getWorkflowRow, stepsOf } from "@/server/workflows/queries";
import { completeStep } from "@/server/workflows/services/complete-step";
import { approveStep, rejectStep } from "@/server/workflows/services/decide-step";
import { startAutomatedWorkflow } from "@/server/workflows/services/start-automated-workflow";
import { createTestAsset } from "../factories/assets";
import { asSystem, asUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";
import { type WorkflowEngineProbes, workflowEngineProbes } from "../support/workflow-engine";

/**
 * Workflow automation end to end through the embedded engine: the real rules start workflows from
 * committed events, people complete them through the services the UI calls, and the completion
 * feeds back into the asset, recorded as caused by `workflow.completed`.
 */
describe("workflow automation through the embedded engine", () => {
  let harness: EngineHarness;
  let db: Db;
  let probes: WorkflowEngineProbes;
  beforeAll(async () => {
    harness = await startEngineHarness((client, harnessDb) => [
      createTenantFunction(client, startAssetStatusWorkflowFunction),
      createTenantFunction(client, startRepairOnReturnFunction),
      createTenantFunction(client, startOffboardingFunction),
      createTenantFunction(client, applyWorkflowOutcomeFunction),
      createReportOverdueStepsFn(client, { cron: "* * * * * *", database: async () => harnessDb }),
    ]);
    db = harness.db;
    probes = workflowEngineProbes(harness, db);
    useDatabase({ db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  const tenantWithStaff = () => createWorkflowTenant(db);

  const workflowsOf: WorkflowEngineProbes["workflowsOf"] = (...args) => probes.workflowsOf(...args);
  const assetState: WorkflowEngineProbes["assetState"] = (...args) => probes.assetState(...args);
  const eventsNamed: WorkflowEngineProbes["eventsNamed"] = (...args) => probes.eventsNamed(...args);

  const onlyWorkflow = async (tenantId: string, filter: { assetId?: string; employeeId?: string }) => {
    const found = await waitFor("the automated workflow", async () => {
      const rows = await workflowsOf(tenantId, filter);
      return rows.length > 0 ? rows : undefined;
    });
    expect(found).toHaveLength(1);
    return found[0] as (typeof found)[number];
  };

  const stepsFor = (tenantId: string, workflowId: string) =>
    withTenant(db, tenantId, (trx) => stepsOf(trx, tenantId, workflowId));

  it("lost -> one incident (even for the same event twice) -> completed as found -> the asset is in stock, caused by workflow.completed", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "lost" }));
    harness.wake();

    const incident = await onlyWorkflow(tenant.id, { assetId: asset.id });
    const [lost] = await eventsNamed(tenant.id, "asset.status_changed", asset.id);
    expect(incident).toMatchObject({ kind: "incident", status: "pending", trigger_event_id: lost?.id });
    // The same trigger handled again (a redelivery, a retry after a crash): the first workflow.
    const again = await asSystem(db, tenant.id, (scope) =>
      startAutomatedWorkflow(scope, { kind: "incident", assetId: asset.id, triggerEventId: lost?.id ?? "" }),
    );
    expect(again).toEqual({ id: incident.id, created: false });
    expect(await workflowsOf(tenant.id, { assetId: asset.id })).toHaveLength(1);
    expect(await eventsNamed(tenant.id, "workflow.created", incident.id)).toHaveLength(1);

    const steps = await stepsFor(tenant.id, incident.id);
    const resolve = steps.at(-1);
    expect(resolve?.outcomes).toEqual(["found", "confirmed_lost"]);
    for (const step of steps.slice(0, -1)) {
      await asUser(db, staff, (scope) => completeStep(scope, { stepId: step.id }));
    }
    await expect(
      asUser(db, staff, (scope) => completeStep(scope, { stepId: resolve?.id ?? "" })),
    ).rejects.toThrow(/Choose how .* ended: found or confirmed_lost/);
    const done = await asUser(db, staff, (scope) =>
      completeStep(scope, { stepId: resolve?.id ?? "", outcome: "found" }),
    );
    expect(done).toEqual({ workflowId: incident.id, status: "completed" });

    await waitFor("the asset back in stock", async () =>
      (await assetState(tenant.id, asset.id)).kind === "in_stock" ? true : undefined,
    );
    const [completed] = await eventsNamed(tenant.id, "workflow.completed", incident.id);
    expect(completed?.data).toMatchObject({ kind: "incident", outcome: "found", assetId: asset.id });
    const changes = await eventsNamed(tenant.id, "asset.status_changed", asset.id);
    expect(changes.at(-1)).toMatchObject({
      actor_type: "system",
      actor_label: "Automation: Apply a completed workflow's outcome",
      caused_by: completed?.id,
      data: { kind: "in_stock" },
    });
    // The feedback's own status change is no new incident or repair.
    expect(await workflowsOf(tenant.id, { assetId: asset.id })).toHaveLength(1);
  });

  it("an incident resolved as confirmed lost retires the asset; in repair starts a repair that restocks it", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const stolen = await createTestAsset(db, staff, fixtures.categoryId);
    const broken = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: stolen.id, kind: "stolen" }));
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: broken.id, kind: "in_repair" }));
    harness.wake();

    const incident = await onlyWorkflow(tenant.id, { assetId: stolen.id });
    const repair = await onlyWorkflow(tenant.id, { assetId: broken.id });
    expect([incident.kind, repair.kind]).toEqual(["incident", "repair"]);
    for (const { workflow, outcome } of [
      { workflow: incident, outcome: "confirmed_lost" },
      { workflow: repair, outcome: undefined },
    ]) {
      const steps = await stepsFor(tenant.id, workflow.id);
      for (const step of steps) {
        await asUser(db, staff, (scope) =>
          completeStep(scope, { stepId: step.id, ...(step.outcomes ? { outcome } : {}) }),
        );
      }
    }
    await waitFor("both assets settled", async () => {
      const [a, b] = await Promise.all([assetState(tenant.id, stolen.id), assetState(tenant.id, broken.id)]);
      return a.kind === "retired" && b.kind === "in_stock" ? true : undefined;
    });
  });

  it("an asset returned damaged into repair (by staff, or reported in the portal) starts one repair; a plain return starts none", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const damaged = await createTestAsset(db, staff, fixtures.categoryId);
    const fine = await createTestAsset(db, staff, fixtures.categoryId);
    for (const asset of [damaged, fine]) {
      await asUser(db, staff, (scope) =>
        assignAsset(scope, { assetId: asset.id, employeeId: fixtures.omar.id }),
      );
    }
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: damaged.id, condition: "damaged", toKind: "in_repair" }),
    );
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: fine.id, condition: "good", toKind: "in_stock" }),
    );
    harness.wake();

    const repair = await onlyWorkflow(tenant.id, { assetId: damaged.id });
    expect(repair.kind).toBe("repair");
    const [returned] = await eventsNamed(tenant.id, "asset.returned", damaged.id);
    expect(repair.trigger_event_id).toBe(returned?.id);
    expect(await workflowsOf(tenant.id, { assetId: fine.id })).toEqual([]);
  });

  it("a terminated employee holding two assets -> an offboarding with two return steps -> completing them returns both", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
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
    harness.wake();

    const offboarding = await onlyWorkflow(tenant.id, { employeeId: fixtures.jane.id });
    const steps = await stepsFor(tenant.id, offboarding.id);
    const returns = steps.filter((step) => step.action?.type === "return_asset");
    expect(returns.map((step) => step.asset?.id).sort()).toEqual([laptop.id, phone.id].sort());
    expect(returns.map((step) => step.title)).toEqual(
      [laptop.tag, phone.tag].sort().map((tag) => `Return ${tag}`),
    );
    for (const step of steps.filter((candidate) => !candidate.needsApproval)) {
      await asUser(db, staff, (scope) => completeStep(scope, { stepId: step.id }));
    }
    const approval = steps.find((step) => step.needsApproval);
    // IT staff cannot sign off an admin approval.
    await expect(
      asUser(db, staff, (scope) => approveStep(scope, { stepId: approval?.id ?? "" })),
    ).rejects.toThrow(/can only be acted on by someone with the admin role/);
    await asUser(db, admin, (scope) => approveStep(scope, { stepId: approval?.id ?? "" }));

    for (const asset of [laptop, phone]) {
      expect(await assetState(tenant.id, asset.id)).toEqual({ kind: "in_stock", employee_id: null });
    }
    const row = await withTenant(db, tenant.id, (trx) => getWorkflowRow(trx, tenant.id, offboarding.id));
    expect(row).toMatchObject({ status: "completed", stepsDone: steps.length, stepsTotal: steps.length });
  });

  it("leavers terminated together are handled in one run: an offboarding each, caused by their own termination", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const leavers = [fixtures.jane.id, fixtures.omar.id];
    const today = new Date().toISOString().slice(0, 10);
    await asUser(db, staff, async (scope) => {
      for (const employeeId of leavers)
        await terminateEmployee(scope, { employeeId, terminationDate: today });
    });
    harness.wake();

    for (const employeeId of leavers) {
      const offboarding = await onlyWorkflow(tenant.id, { employeeId });
      const [terminated] = await eventsNamed(tenant.id, "employee.terminated", employeeId);
      expect(offboarding).toMatchObject({ kind: "offboarding", trigger_event_id: terminated?.id });
      const [created] = await eventsNamed(tenant.id, "workflow.created", offboarding.id);
      expect(created).toMatchObject({ actor_type: "system", caused_by: terminated?.id });
    }
    const runs = await waitFor("the offboarding run completed", async () => {
      const rows = await withPlatform(db, (trx) =>
        trx
          .selectFrom("automation_runs")
          .select(["id", "status", "trigger_events"])
          .where("tenant_id", "=", tenant.id)
          .where("function_id", "like", "%start-offboarding")
          .execute(),
      );
      return rows.every((row) => row.status === "completed") ? rows : undefined;
    });
    expect(runs).toHaveLength(1);
    expect(runs[0]?.trigger_events).toHaveLength(2);
    // Settings -> Automation names every event of the batch.
    const terminations = await Promise.all(
      leavers.map(
        async (employeeId) => (await eventsNamed(tenant.id, "employee.terminated", employeeId))[0]?.id,
      ),
    );
    const detail = await withTenant(db, tenant.id, (trx) => getRun(trx, tenant.id, runs[0]?.id ?? ""));
    expect(detail?.batchEventIds).toEqual(terminations);

    // Each termination's causal chain shows the one run under it, with the offboarding it started.
    for (const employeeId of leavers) {
      const [terminated] = await eventsNamed(tenant.id, "employee.terminated", employeeId);
      const chain = await withTenant(db, tenant.id, (trx) =>
        readCausalChain(trx, tenant.id, terminated?.id ?? ""),
      );
      expect(chain.root.event.id).toBe(terminated?.id);
      expect(chain.root.runs).toHaveLength(1);
      expect(chain.root.runs[0]).toMatchObject({ status: "completed", recorded: true });
      expect(chain.root.runs[0]?.events.map((node) => node.event.name)).toContain("workflow.created");
    }
  });

  it("a rejected approval blocks the workflow until it is approved after all", async () => {
    const { tenant, admin, staff, fixtures } = await tenantWithStaff();
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: laptop.id, employeeId: fixtures.omar.id }),
    );
    const today = new Date().toISOString().slice(0, 10);
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, { employeeId: fixtures.omar.id, terminationDate: today }),
    );
    harness.wake();
    const offboarding = await onlyWorkflow(tenant.id, { employeeId: fixtures.omar.id });
    const steps = await stepsFor(tenant.id, offboarding.id);
    const approval = steps.find((step) => step.needsApproval);
    const rejected = await asUser(db, admin, (scope) =>
      rejectStep(scope, { stepId: approval?.id ?? "", reason: "Laptop not back yet" }),
    );
    expect(rejected).toEqual({ workflowId: offboarding.id, status: "blocked" });
    for (const step of steps.filter((candidate) => !candidate.needsApproval)) {
      const result = await asUser(db, staff, (scope) => completeStep(scope, { stepId: step.id }));
      expect(result.status).toBe("blocked");
    }
    expect(await eventsNamed(tenant.id, "workflow.completed", offboarding.id)).toEqual([]);
    const approved = await asUser(db, admin, (scope) => approveStep(scope, { stepId: approval?.id ?? "" }));
    expect(approved.status).toBe("completed");
  });

  it("a step past its due date is reported overdue once, however often the sweep runs", async () => {
    const { tenant, staff, fixtures } = await tenantWithStaff();
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    harness.wake();
    const repair = await onlyWorkflow(tenant.id, { assetId: asset.id });
    const [late, done] = await stepsFor(tenant.id, repair.id);
    // Two days pass: the first two steps' dates are behind us, and one of them is done.
    await withPlatform(db, (trx) =>
      trx
        .updateTable("workflow_steps")
        .set({ due_at: new Date(Date.now() - 86_400_000) })
        .where("id", "in", [late?.id ?? "", done?.id ?? ""])
        .execute(),
    );
    await asUser(db, staff, (scope) => completeStep(scope, { stepId: done?.id ?? "" }));

    const reported = await waitFor("the overdue report", async () => {
      const events = await eventsNamed(tenant.id, "workflow.step_overdue", repair.id);
      return events.length > 0 ? events : undefined;
    });
    expect(reported.map((event) => event.data)).toEqual([
      expect.objectContaining({ stepId: late?.id, step: late?.title }),
    ]);
    const reportedBy = Date.now();
    await waitFor("a later sweep", async () => {
      const runs = await harness.runsFor("report-overdue-steps");
      return runs.some((run) => run.status === "completed" && new Date(run.created_at).getTime() > reportedBy)
        ? true
        : undefined;
    });
    expect(await eventsNamed(tenant.id, "workflow.step_overdue", repair.id)).toHaveLength(1);
    const listed = await withTenant(db, tenant.id, (trx) => getWorkflowRow(trx, tenant.id, repair.id));
    expect(listed.overdue).toBe(false);
    const steps = await stepsFor(tenant.id, repair.id);
    expect(steps.map((step) => step.overdue)).toEqual([true, false, false]);
  });
});
