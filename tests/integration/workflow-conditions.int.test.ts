import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { startAssetStatusWorkflowFunction } from "@/inngest/functions/workflows/start-asset-status-workflow";
import { startOnboardingFunction } from "@/inngest/functions/workflows/start-onboarding";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { type Db, useDatabase, withPlatform } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { createLocation } from "@/server/reference/locations/services/create-location";
import { updateWorkflowRule } from "@/server/workflows/services/update-workflow-rule";
import { createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asUser, createTestUser, type TestUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { workflowEngineProbes } from "../support/workflow-engine";

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Rules narrowed by location (a site covers the floors below it) and employment type, and steps
 * for "the location's IT contact", through the embedded engine: a condition not met starts
 * nothing, one met starts one workflow whose step goes to the contact the location names.
 */
describe("workflow rule conditions and location IT contacts", () => {
  let harness: EngineHarness;
  let db: Db;
  let probes: ReturnType<typeof workflowEngineProbes>;
  beforeAll(async () => {
    harness = await startEngineHarness((client) => [
      createTenantFunction(client, startOnboardingFunction),
      createTenantFunction(client, startAssetStatusWorkflowFunction),
    ]);
    db = harness.db;
    probes = workflowEngineProbes(harness, db);
    useDatabase({ db, driver: "postgres", close: async () => {} });
  }, 180_000);
  afterAll(() => harness?.close());

  /** A site with a building and a floor in it, and another site. */
  const sites = async (user: TestUser, itContactUserId: string | null = null) =>
    asUser(db, user, async (scope) => {
      const suffix = randomUUID().slice(0, 6);
      const berlin = await createLocation(scope, {
        name: `Berlin ${suffix}`,
        kind: "site",
        parentId: null,
        itContactUserId,
      });
      const building = await createLocation(scope, { name: "HQ", kind: "building", parentId: berlin.id });
      const floor = await createLocation(scope, { name: "Floor 3", kind: "floor", parentId: building.id });
      const paris = await createLocation(scope, { name: `Paris ${suffix}`, kind: "site", parentId: null });
      return { berlin, floor, paris };
    });

  const hire = (
    staff: TestUser,
    fields: { locationId: string; employmentType: "full_time" | "contractor" },
  ) =>
    asUser(db, staff, (scope) =>
      createEmployee(scope, {
        firstName: "New",
        lastName: `Hire ${randomUUID().slice(0, 6)}`,
        hireDate: isoDay(10),
        ...fields,
      }),
    );

  it("onboarding only for full-time hires in Berlin: a contractor there, or a full-timer in Paris, starts nothing; a full-timer on a Berlin floor starts one", async () => {
    const { tenant, admin, staff } = await createWorkflowTenant(db);
    const { berlin, floor, paris } = await sites(staff);
    await expect(
      callerFor(admin).workflows.updateRule({
        rule: "onboarding_new_hire",
        enabled: true,
        templateId: null,
        conditions: { locationIds: [randomUUID()] },
      }),
    ).rejects.toThrow(/One of the chosen locations no longer exists: choose another location/);
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "onboarding_new_hire",
        enabled: true,
        templateId: null,
        conditions: { hireWithinDays: 30, locationIds: [berlin.id], employmentTypes: ["full_time"] },
      }),
    );
    const page = await callerFor(admin).workflows.rules();
    expect(page.rules.find((rule) => rule.rule === "onboarding_new_hire")?.conditions).toMatchObject({
      locationIds: [berlin.id],
      employmentTypes: ["full_time"],
    });
    expect(page.locations.map((location) => location.id)).toContain(paris.id);

    const contractor = await hire(staff, { locationId: floor.id, employmentType: "contractor" });
    const parisian = await hire(staff, { locationId: paris.id, employmentType: "full_time" });
    await probes.settled();
    expect(await probes.workflowsOf(tenant.id, { employeeId: contractor.id })).toEqual([]);
    expect(await probes.workflowsOf(tenant.id, { employeeId: parisian.id })).toEqual([]);

    const berliner = await hire(staff, { locationId: floor.id, employmentType: "full_time" });
    const onboarding = await probes.oneWorkflow(tenant.id, { employeeId: berliner.id });
    expect(onboarding).toMatchObject({ kind: "onboarding", rule: "onboarding_new_hire" });
  });

  it("repair only for assets in Berlin: a broken asset in Paris starts none", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const { berlin, floor, paris } = await sites(staff);
    await asUser(db, admin, (scope) =>
      updateWorkflowRule(scope, {
        rule: "repair",
        enabled: true,
        templateId: null,
        conditions: { locationIds: [berlin.id] },
      }),
    );
    const inParis = await createTestAsset(db, staff, fixtures.categoryId, { locationId: paris.id });
    const inBerlin = await createTestAsset(db, staff, fixtures.categoryId, { locationId: floor.id });
    for (const asset of [inParis, inBerlin]) {
      await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    }
    expect((await probes.oneWorkflow(tenant.id, { assetId: inBerlin.id })).kind).toBe("repair");
    expect(await probes.workflowsOf(tenant.id, { assetId: inParis.id })).toEqual([]);
  });

  it("a step for the location's IT contact goes to the contact of the asset's site; without one, to IT staff, and the step says why", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const contact = await createTestUser(db, tenant, "employee", { name: "Berlin IT" });
    const auditor = await createTestUser(db, tenant, "auditor");
    const asAdmin = callerFor(admin);
    await expect(
      asAdmin.reference.location.create({
        name: "Nowhere",
        kind: "site",
        parentId: null,
        itContactUserId: auditor.id,
      }),
    ).rejects.toThrow(/Choose an IT contact with an active account who can work on tasks/);
    const { berlin, floor, paris } = await sites(staff, contact.id);
    const tree = await asAdmin.reference.locationTree({ includeArchived: false });
    expect(tree.find((node) => node.id === berlin.id)?.itContact).toEqual({
      id: contact.id,
      name: "Berlin IT",
    });
    const repair = (await asAdmin.workflows.templates()).find((template) => template.kind === "repair");
    if (!repair) throw new Error("no repair template");
    await asAdmin.workflows.updateTemplate({
      templateId: repair.id,
      baseVersion: repair.version,
      name: repair.name,
      steps: [{ title: "Fix it on site", assignee: { type: "location_it_contact" } }],
    });

    const inBerlin = await createTestAsset(db, staff, fixtures.categoryId, { locationId: floor.id });
    const inParis = await createTestAsset(db, staff, fixtures.categoryId, { locationId: paris.id });
    for (const asset of [inBerlin, inParis]) {
      await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    }
    const berlinRepair = await probes.oneWorkflow(tenant.id, { assetId: inBerlin.id });
    const parisRepair = await probes.oneWorkflow(tenant.id, { assetId: inParis.id });
    const [berlinStep] = (await asAdmin.workflows.get({ id: berlinRepair.id })).steps;
    const [parisStep] = (await asAdmin.workflows.get({ id: parisRepair.id })).steps;
    // The floor has no contact of its own: its site's.
    expect(berlinStep).toMatchObject({
      assignee: { type: "user", userId: contact.id, name: "Berlin IT" },
      assigneeNote: null,
    });
    expect(parisStep).toMatchObject({
      assignee: { type: "role", role: "it_staff" },
      assigneeNote: `${paris.name} has no IT contact: assigned to IT staff.`,
    });
    // The contact sees it among their tasks.
    const tasks = await callerFor(contact).workflows.myTasks();
    expect(tasks.map((task) => task.stepId)).toEqual([berlinStep?.id]);

    // A contact whose account is deactivated no longer counts.
    await withPlatform(db, (trx) =>
      trx.updateTable("users").set({ status: "deactivated" }).where("id", "=", contact.id).execute(),
    );
    const later = await createTestAsset(db, staff, fixtures.categoryId, { locationId: floor.id });
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: later.id, kind: "in_repair" }));
    const laterRepair = await probes.oneWorkflow(tenant.id, { assetId: later.id });
    const [laterStep] = (await asAdmin.workflows.get({ id: laterRepair.id })).steps;
    expect(laterStep?.assignee).toEqual({ type: "role", role: "it_staff" });
  });
});
