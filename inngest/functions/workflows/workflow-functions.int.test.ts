import { randomUUID } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import type { InngestFunction } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { moveAsset } from "@/server/assets/services/move-asset";
import { returnAsset } from "@/server/assets/services/return-asset";
import { transferAsset } from "@/server/assets/services/transfer-asset";
import { updateAsset } from "@/server/assets/services/update-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { updateEmployee } from "@/server/employees/services/update-employee";
import { type EventRow, toInngestEvent } from "@/server/events/envelope";
import { createTestAsset } from "@/tests/factories/assets";
import { callerFor } from "@/tests/factories/isolation";
import { asUser, createTestTenant } from "@/tests/factories/tenants";
import { createWorkflowTenant } from "@/tests/factories/workflows";
import { useTestDatabase } from "@/tests/support/database";
import { inngest } from "../../client";
import { applyWorkflowOutcomeFn } from "./apply-workflow-outcome";
import { provisionWorkflowTemplatesFn } from "./provision-workflow-templates";
import { createReportOverdueStepsFn } from "./report-overdue-steps";
import { startAccessReviewFn } from "./start-access-review";
import {
  startEquipmentReturnFn,
  startLocationTransferVerificationFn,
  startTransferVerificationFn,
} from "./start-asset-movement-workflow";
import { startAssetStatusWorkflowFn, startRepairOnReturnFn } from "./start-asset-status-workflow";
import { startOffboardingFn } from "./start-offboarding";
import { startOnboardingFn, startOnboardingOnAssignmentFn } from "./start-onboarding";
import { unblockWaitingStepsFn } from "./unblock-waiting-steps";

/**
 * Each workflow function run by @inngest/test on the events the services really emit (no engine):
 * which step it runs, what it returns, what it skips, and that a second delivery of the same
 * event (a fresh run, no memoized state) changes nothing.
 */
describe("workflow functions (@inngest/test)", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  const eventRows = (tenantId: string, name: string, entityId: string): Promise<EventRow[]> =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .selectAll()
        .where("name", "=", name)
        .where("entity_id", "=", entityId)
        .orderBy("seq")
        .execute(),
    );
  const lastEvent = async (tenantId: string, name: string, entityId: string) => {
    const rows = await eventRows(tenantId, name, entityId);
    const row = rows.at(-1);
    if (!row) throw new Error(`no ${name} for ${entityId}`);
    return row;
  };
  const run = async (fn: InngestFunction.Any, rows: EventRow[]) => {
    const { result, error, ctx } = await new InngestTestEngine({
      function: fn,
      events: rows.map(toInngestEvent) as never,
    }).execute();
    if (error) throw error;
    return { result, ran: (id: string) => ctx.step.run.mock.calls.some(([stepId]) => stepId === id) };
  };
  const today = () => new Date().toISOString().slice(0, 10);

  it("start-onboarding: a new hire's employee.created starts one onboarding; the same event again finds it", async () => {
    const { tenant, staff } = await createWorkflowTenant(db);
    const hire = await asUser(db, staff, (scope) =>
      createEmployee(scope, { firstName: "Ana", lastName: "New", hireDate: today() }),
    );
    const created = await lastEvent(tenant.id, "employee.created", hire.id);
    const first = await run(startOnboardingFn, [created]);
    expect(first.result).toMatchObject({ created: true, workflowId: expect.any(String) });
    const again = await run(startOnboardingFn, [created]);
    expect(again.result).toEqual({
      workflowId: (first.result as { workflowId: string }).workflowId,
      created: false,
    });
  });

  it("start-onboarding-on-assignment: first equipment of someone hired recently; none for someone without a hire date", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    await withPlatform(db, (trx) =>
      trx.updateTable("employees").set({ hire_date: today() }).where("id", "=", fixtures.jane.id).execute(),
    );
    const laptop = await createTestAsset(db, staff, fixtures.categoryId);
    const phone = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: laptop.id, employeeId: fixtures.jane.id }),
    );
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: phone.id, employeeId: fixtures.omar.id }),
    );
    const jane = await run(startOnboardingOnAssignmentFn, [
      await lastEvent(tenant.id, "asset.assigned", laptop.id),
    ]);
    expect(jane.result).toMatchObject({ created: true });
    const omar = await run(startOnboardingOnAssignmentFn, [
      await lastEvent(tenant.id, "asset.assigned", phone.id),
    ]);
    expect(omar.result).toEqual({ workflowId: null, skipped: "the employee has no hire date" });
  });

  it("start-offboarding: a batch of two terminations starts an offboarding for each, in one step", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const rows = [];
    for (const employee of [fixtures.jane, fixtures.omar]) {
      await asUser(db, staff, (scope) =>
        terminateEmployee(scope, { employeeId: employee.id, terminationDate: today() }),
      );
      rows.push(await lastEvent(tenant.id, "employee.terminated", employee.id));
    }
    const { result, ran } = await run(startOffboardingFn, rows);
    expect(ran("start-offboarding")).toBe(true);
    expect(result).toEqual([
      expect.objectContaining({ employeeId: fixtures.jane.id, created: true }),
      expect.objectContaining({ employeeId: fixtures.omar.id, created: true }),
    ]);
  });

  it("start-asset-status-workflow: lost starts an incident, in repair a repair; in stock runs no step", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const lost = await createTestAsset(db, staff, fixtures.categoryId);
    const broken = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: lost.id, kind: "lost" }));
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: broken.id, kind: "in_repair" }));
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: lost.id, kind: "in_stock" }));
    const [lostEvent, foundEvent] = await eventRows(tenant.id, "asset.status_changed", lost.id);
    const incident = await run(startAssetStatusWorkflowFn, [lostEvent as EventRow]);
    expect(incident.ran("start-incident")).toBe(true);
    expect(incident.result).toMatchObject({ created: true });
    const repair = await run(startAssetStatusWorkflowFn, [
      await lastEvent(tenant.id, "asset.status_changed", broken.id),
    ]);
    expect(repair.ran("start-repair")).toBe(true);
    const found = await run(startAssetStatusWorkflowFn, [foundEvent as EventRow]);
    expect(found.result).toEqual({ started: null });
    expect(found.ran("start-incident") || found.ran("start-repair")).toBe(false);
  });

  it("start-repair-on-return and start-equipment-return split returns: damaged -> repair, good -> equipment return", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const damaged = await createTestAsset(db, staff, fixtures.categoryId);
    const fine = await createTestAsset(db, staff, fixtures.categoryId);
    for (const asset of [damaged, fine]) {
      await asUser(db, staff, (scope) =>
        assignAsset(scope, { assetId: asset.id, employeeId: fixtures.jane.id }),
      );
    }
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: damaged.id, condition: "damaged", toKind: "in_repair" }),
    );
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: fine.id, condition: "good", toKind: "in_stock" }),
    );
    const damagedReturn = await lastEvent(tenant.id, "asset.returned", damaged.id);
    const goodReturn = await lastEvent(tenant.id, "asset.returned", fine.id);
    expect((await run(startRepairOnReturnFn, [damagedReturn])).result).toMatchObject({ created: true });
    expect((await run(startRepairOnReturnFn, [goodReturn])).result).toEqual({ started: null });
    expect((await run(startEquipmentReturnFn, [goodReturn])).result).toMatchObject({ created: true });
    expect((await run(startEquipmentReturnFn, [damagedReturn])).result).toEqual({ started: null });
  });

  it("start-transfer-verification and its move twin: a transfer and a move each start one; an edit without a move none", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const handedOn = await createTestAsset(db, staff, fixtures.categoryId);
    const moved = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: handedOn.id, employeeId: fixtures.jane.id }),
    );
    await asUser(db, staff, (scope) =>
      transferAsset(scope, { assetId: handedOn.id, toEmployeeId: fixtures.omar.id }),
    );
    const site = await callerFor(staff).reference.location.create({
      name: `Annex ${randomUUID().slice(0, 6)}`,
      kind: "site",
      parentId: null,
    });
    await asUser(db, staff, (scope) => moveAsset(scope, { assetId: moved.id, locationId: site.id }));
    const transfer = await run(startTransferVerificationFn, [
      await lastEvent(tenant.id, "asset.transferred", handedOn.id),
    ]);
    expect(transfer.result).toMatchObject({ created: true });
    const move = await run(startLocationTransferVerificationFn, [
      await lastEvent(tenant.id, "asset.updated", moved.id),
    ]);
    expect(move.result).toMatchObject({ created: true });
    await asUser(db, staff, (scope) => updateAsset(scope, { assetId: moved.id, name: "Renamed" }));
    const rename = await lastEvent(tenant.id, "asset.updated", moved.id);
    expect((await run(startLocationTransferVerificationFn, [rename])).result).toEqual({ started: null });
  });

  it("start-access-review: a title change starts one; a phone change runs no step", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    await asUser(db, staff, (scope) =>
      updateEmployee(scope, { employeeId: fixtures.jane.id, title: "Lead" }),
    );
    await asUser(db, staff, (scope) =>
      updateEmployee(scope, { employeeId: fixtures.omar.id, phone: "+1 555 0100" }),
    );
    const title = await run(startAccessReviewFn, [
      await lastEvent(tenant.id, "employee.updated", fixtures.jane.id),
    ]);
    expect(title.result).toMatchObject({ created: true });
    const phone = await run(startAccessReviewFn, [
      await lastEvent(tenant.id, "employee.updated", fixtures.omar.id),
    ]);
    expect(phone.result).toEqual({ started: null });
    expect(phone.ran("start-access-review")).toBe(false);
  });

  it("apply-workflow-outcome and unblock-waiting-steps on workflow.completed: the repair restocks its asset once", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    const asAdmin = callerFor(admin);
    const repair = (await asAdmin.workflows.templates()).find((template) => template.kind === "repair");
    const { id } = await asAdmin.workflows.start({ templateId: repair?.id ?? "", assetId: asset.id });
    for (const step of (await asAdmin.workflows.get({ id })).steps) {
      await asAdmin.workflows.completeStep({ stepId: step.id });
    }
    const completed = await lastEvent(tenant.id, "workflow.completed", id);
    const first = await run(applyWorkflowOutcomeFn, [completed]);
    expect(first.result).toEqual({ changed: [expect.objectContaining({ id: asset.id })] });
    expect((await run(applyWorkflowOutcomeFn, [completed])).result).toEqual({ changed: [] });
    expect((await run(unblockWaitingStepsFn, [completed])).result).toEqual({ unblocked: [] });
  });

  it("provision-workflow-templates: tenant.created gives one default template per kind, once", async () => {
    const { tenant } = await createTestTenant(db);
    const created = await lastEvent(tenant.id, "tenant.created", tenant.id);
    await run(provisionWorkflowTemplatesFn, [created]);
    await run(provisionWorkflowTemplatesFn, [created]);
    const templates = await withTenant(db, tenant.id, (trx) =>
      trx.selectFrom("workflow_templates").select("kind").where("is_default", "=", true).execute(),
    );
    expect(templates.length).toBe(new Set(templates.map((row) => row.kind)).size);
    expect(templates.map((row) => row.kind)).toContain("procurement");
  });

  it("report-overdue-steps: reports a step past due once, and the sweep after it finds nothing", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const asStaff = callerFor(staff);
    const repair = (await asStaff.workflows.templates()).find((template) => template.kind === "repair");
    const { id } = await asStaff.workflows.start({ templateId: repair?.id ?? "", assetId: asset.id });
    const [step] = (await asStaff.workflows.get({ id })).steps;
    await withPlatform(db, (trx) =>
      trx
        .updateTable("workflow_steps")
        .set({ due_at: new Date(Date.now() - 3_600_000) })
        .where("id", "=", step?.id ?? "")
        .execute(),
    );
    const sweep = createReportOverdueStepsFn(inngest, { database: async () => db });
    const first = await run(sweep, []);
    expect((first.result as { reported: number }).reported).toBeGreaterThanOrEqual(1);
    expect(first.ran(`report-in-${tenant.id}`)).toBe(true);
    expect(await eventRows(tenant.id, "workflow.step_overdue", id)).toHaveLength(1);
    const second = await run(sweep, []);
    expect(second.ran(`report-in-${tenant.id}`)).toBe(false);
    expect(await eventRows(tenant.id, "workflow.step_overdue", id)).toHaveLength(1);
  });
});
