import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { Db } from "@/server/db";
import { callerFor } from "../factories/isolation";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { provisionTestTemplates } from "../factories/workflows";
import { useTestDatabase } from "../support/database";

/** The workflows procedures as staff and employees use them: start, act on steps, find work. */
describe("workflows procedures", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  async function setUp() {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const worker = await createTestUser(db, tenant, "employee");
    const asAdmin = callerFor({ ...admin, tenantName: tenant.name });
    const asStaff = callerFor(staff);
    const asWorker = callerFor(worker);
    await provisionTestTemplates(db, tenant.id);
    const category = await asAdmin.reference.category.create({ name: "Laptops" });
    const person = await asAdmin.employees.create({
      firstName: "Rita",
      lastName: "Leaver",
      workEmail: "rita@x.test",
    });
    const asset = await asAdmin.assets.create({ name: "MacBook", categoryId: category.id });
    const templates = await asStaff.workflows.templates();
    const templateOf = (kind: string) => {
      const found = templates.find((template) => template.kind === kind && template.isDefault);
      if (!found) throw new Error(`no ${kind} template`);
      return found;
    };
    return { tenant, staff, worker, asAdmin, asStaff, asWorker, person, asset, templateOf };
  }

  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof TRPCError) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error("expected a refusal");
  };

  it("every tenant gets the default templates, one per kind", async () => {
    const { templateOf } = await setUp();
    for (const kind of ["onboarding", "offboarding", "repair", "incident", "maintenance"]) {
      expect(templateOf(kind).version).toBe(1);
    }
    expect(templateOf("incident").steps.at(-1)?.outcomes).toEqual(["found", "confirmed_lost"]);
  });

  it("start by hand -> list, filters and the page with its steps and timeline", async () => {
    const { asStaff, asset, templateOf, staff } = await setUp();
    const { id } = await asStaff.workflows.start({ templateId: templateOf("repair").id, assetId: asset.id });

    const listed = await asStaff.workflows.list({ kind: "repair", assetId: asset.id });
    expect(listed.total).toBe(1);
    expect(listed.items[0]).toMatchObject({
      id,
      kind: "repair",
      status: "pending",
      title: `Repair: ${asset.tag}`,
      asset: { id: asset.id, tag: asset.tag },
      stepsDone: 0,
      stepsTotal: 3,
      overdue: false,
      automated: false,
    });
    expect((await asStaff.workflows.list({ kind: "incident" })).total).toBe(0);
    expect((await asStaff.workflows.list({ overdue: true })).total).toBe(0);

    const detail = await asStaff.workflows.get({ id });
    expect(detail.steps.map((step) => [step.position, step.status, step.assignee, step.canAct])).toEqual([
      [1, "pending", { type: "role", role: "it_staff" }, true],
      [2, "pending", { type: "role", role: "it_staff" }, true],
      [3, "pending", { type: "role", role: "it_staff" }, true],
    ]);
    const first = detail.steps[0]?.id ?? "";
    expect(await asStaff.workflows.completeStep({ stepId: first, notes: "Screen cracked" })).toEqual({
      workflowId: id,
      status: "in_progress",
    });
    const after = await asStaff.workflows.get({ id });
    expect(after.steps[0]).toMatchObject({
      status: "completed",
      reason: "Screen cracked",
      completedBy: { id: staff.id, name: staff.name },
      canAct: false,
    });
    expect(after.timeline.map((entry) => entry.name)).toEqual([
      "workflow.created",
      "workflow.step_completed",
    ]);
    expect(await refusal(asStaff.workflows.completeStep({ stepId: first }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already completed"),
    });
  });

  it("a step with evidence needs a file; skipping needs a reason; cancel stops every step", async () => {
    const { asStaff, person, templateOf } = await setUp();
    const { id } = await asStaff.workflows.start({
      templateId: templateOf("onboarding").id,
      employeeId: person.id,
    });
    const { steps } = await asStaff.workflows.get({ id });
    const handover = steps.find((step) => step.needsEvidence);
    expect(await refusal(asStaff.workflows.completeStep({ stepId: handover?.id ?? "" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("needs evidence"),
    });
    expect(
      await refusal(asStaff.workflows.skipStep({ stepId: handover?.id ?? "", reason: "  " })),
    ).toMatchObject({
      code: "BAD_REQUEST",
    });
    await asStaff.workflows.skipStep({ stepId: handover?.id ?? "", reason: "Collected in person" });
    expect(await asStaff.workflows.cancel({ id, reason: "Hire withdrew" })).toEqual({
      workflowId: id,
      status: "cancelled",
    });
    expect(await refusal(asStaff.workflows.completeStep({ stepId: steps[0]?.id ?? "" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("cancelled"),
    });
    const cancelled = await asStaff.workflows.get({ id });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Hire withdrew" });
  });

  it("my tasks: a step reassigned to an employee is theirs to do, and no one else's among employees", async () => {
    const { asStaff, asWorker, asset, templateOf, worker } = await setUp();
    const { id } = await asStaff.workflows.start({ templateId: templateOf("repair").id, assetId: asset.id });
    const { steps } = await asStaff.workflows.get({ id });
    const [first, second] = steps;
    expect(await asWorker.workflows.myTasks()).toEqual([]);
    expect(await refusal(asWorker.workflows.completeStep({ stepId: first?.id ?? "" }))).toMatchObject({
      code: "FORBIDDEN",
    });

    await asStaff.workflows.reassignStep({
      stepId: first?.id ?? "",
      assignee: { type: "user", userId: worker.id },
    });
    const tasks = await asWorker.workflows.myTasks();
    expect(tasks.map((task) => [task.workflowId, task.stepId, task.title])).toEqual([
      [id, first?.id, first?.title],
    ]);
    expect(
      (await asStaff.workflows.list({ assigneeUserId: worker.id })).items.map((item) => item.id),
    ).toEqual([id]);
    await asWorker.workflows.completeStep({ stepId: first?.id ?? "" });
    expect(await asWorker.workflows.myTasks()).toEqual([]);
    expect(await refusal(asWorker.workflows.completeStep({ stepId: second?.id ?? "" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    // IT staff see the rest as theirs.
    expect((await asStaff.workflows.myTasks()).map((task) => task.stepId)).toEqual(
      steps.slice(1).map((step) => step.id),
    );
  });
});
