import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { applyWorkflowOutcomeFunction } from "@/inngest/functions/workflows/apply-workflow-outcome";
import { startOffboardingFunction } from "@/inngest/functions/workflows/start-offboarding";
import { type Db, useDatabase, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { employeeLicenses, getLicense } from "@/server/licenses/queries";
import { revokeLicense } from "@/server/licenses/services/revoke-license";
import { stepsOf } from "@/server/workflows/queries";
import { completeStep } from "@/server/workflows/services/complete-step";
import { approveStep } from "@/server/workflows/services/decide-step";
import { assignTestLicense, createTestLicense } from "../factories/licenses";
import { asUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { completedRunFor, type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/**
 * Offboarding and licences through the embedded engine: a leaver's termination starts an
 * offboarding with a "Revoke <licence>" step per seat they hold, and completing those steps
 * revokes the seats in the step's transaction, by the person who completed it.
 */
describe("offboarding revokes a leaver's licences", () => {
  let harness: EngineHarness;
  let db: Db;
  beforeAll(async () => {
    harness = await startEngineHarness((client) => [
      createTenantFunction(client, startOffboardingFunction),
      createTenantFunction(client, applyWorkflowOutcomeFunction),
    ]);
    db = harness.db;
    useDatabase({ db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  const offboardingOf = (tenantId: string, employeeId: string) =>
    waitFor("the offboarding", async () => {
      const rows = await withTenant(db, tenantId, (trx) =>
        trx
          .selectFrom("workflows")
          .select(["id", "status"])
          .where("kind", "=", "offboarding")
          .where("employee_id", "=", employeeId)
          .execute(),
      );
      return rows.length > 0 ? rows : undefined;
    });

  const revocationsOf = (tenantId: string, licenseId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["seq", "actor_type", "actor_id", "actor_label", "caused_by", "data"])
        .where("name", "=", "license.revoked")
        .where("entity_id", "=", licenseId)
        .orderBy("seq")
        .execute(),
    );

  const stepCompletions = (tenantId: string, workflowId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["seq", "data"])
        .where("name", "=", "workflow.step_completed")
        .where("entity_id", "=", workflowId)
        .orderBy("seq")
        .execute(),
    );

  it("a leaver holding 2 licences -> a revoke step per licence -> completing them frees both seats", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const figma = await createTestLicense(db, staff, { name: "Figma", seats: 2 });
    const slack = await createTestLicense(db, staff, { name: "Slack", seats: 10 });
    await assignTestLicense(db, staff, figma.id, fixtures.jane.id);
    await assignTestLicense(db, staff, slack.id, fixtures.jane.id);
    // Omar keeps his Figma seat: only the leaver's seats are revoked.
    await assignTestLicense(db, staff, figma.id, fixtures.omar.id);
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, {
        employeeId: fixtures.jane.id,
        terminationDate: new Date().toISOString().slice(0, 10),
      }),
    );
    harness.wake();

    const [offboarding] = await offboardingOf(tenant.id, fixtures.jane.id);
    const workflowId = offboarding?.id ?? "";
    const steps = await withTenant(db, tenant.id, (trx) => stepsOf(trx, tenant.id, workflowId));
    const revokes = steps.filter((step) => step.action?.type === "revoke_license");
    expect(revokes.map((step) => [step.title, step.license])).toEqual([
      ["Revoke Figma", { id: figma.id, name: "Figma" }],
      ["Revoke Slack", { id: slack.id, name: "Slack" }],
    ]);
    expect(steps.find((step) => step.title === "Revoke accounts and licences")?.action).toEqual({
      type: "revoke_licenses",
    });

    await asUser(db, staff, (scope) => completeStep(scope, { stepId: revokes[0]?.id ?? "" }));
    const [figmaRevoked] = await revocationsOf(tenant.id, figma.id);
    // Revoked in the step's transaction, by the person who completed it, naming the step.
    expect(figmaRevoked).toMatchObject({
      actor_type: "user",
      actor_id: staff.id,
      data: { employeeId: fixtures.jane.id, reason: "Workflow step: Revoke Figma" },
    });
    const [completion] = await stepCompletions(tenant.id, workflowId);
    expect(completion?.data).toMatchObject({ stepId: revokes[0]?.id, step: "Revoke Figma" });
    expect(completion?.seq).toBe((figmaRevoked?.seq ?? 0) + 1);

    for (const step of steps.filter(
      (candidate) => !candidate.needsApproval && candidate.id !== revokes[0]?.id,
    )) {
      await asUser(db, staff, (scope) => completeStep(scope, { stepId: step.id }));
    }
    expect(await revocationsOf(tenant.id, slack.id)).toEqual([
      expect.objectContaining({
        actor_id: staff.id,
        data: expect.objectContaining({ reason: "Workflow step: Revoke Slack" }),
      }),
    ]);
    const approval = steps.find((step) => step.needsApproval);
    await asUser(db, admin, (scope) => approveStep(scope, { stepId: approval?.id ?? "" }));

    const seats = await withTenant(db, tenant.id, async (trx) => ({
      figma: await getLicense(trx, tenant.id, figma.id),
      slack: await getLicense(trx, tenant.id, slack.id),
      jane: await employeeLicenses(trx, tenant.id, fixtures.jane.id),
    }));
    expect(seats.figma).toMatchObject({ seatsUsed: 1, seatsFree: 1 });
    expect(seats.figma.active.map((holder) => holder.employee.id)).toEqual([fixtures.omar.id]);
    expect(seats.slack).toMatchObject({ seatsUsed: 0, seatsFree: 10 });
    expect(seats.jane).toEqual([]);
    // Each seat revoked once: the completion's feedback finds nothing left to revoke.
    const applied = await completedRunFor(harness, "apply-workflow-outcome", tenant.id);
    expect(applied.output).toMatchObject({ changed: [], licensesRevoked: 0 });
    expect(await revocationsOf(tenant.id, figma.id)).toHaveLength(1);
  });

  it("a seat revoked by hand before its step is left as it is; the step still completes", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const zoom = await createTestLicense(db, staff, { name: "Zoom" });
    await assignTestLicense(db, staff, zoom.id, fixtures.omar.id);
    await asUser(db, staff, (scope) =>
      terminateEmployee(scope, {
        employeeId: fixtures.omar.id,
        terminationDate: new Date().toISOString().slice(0, 10),
      }),
    );
    harness.wake();
    const [offboarding] = await offboardingOf(tenant.id, fixtures.omar.id);
    const steps = await withTenant(db, tenant.id, (trx) => stepsOf(trx, tenant.id, offboarding?.id ?? ""));
    const revoke = steps.find((step) => step.license?.id === zoom.id);
    await asUser(db, staff, (scope) =>
      revokeLicense(scope, {
        licenseId: zoom.id,
        employeeId: fixtures.omar.id,
        reason: "Done in the vendor console",
      }),
    );
    const result = await asUser(db, staff, (scope) => completeStep(scope, { stepId: revoke?.id ?? "" }));
    expect(result.status).toBe("in_progress");
    expect((await revocationsOf(tenant.id, zoom.id)).map((event) => event.data)).toEqual([
      expect.objectContaining({ reason: "Done in the vendor console" }),
    ]);
  });
});
