import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Db, withPlatform } from "@/server/db";
import { runWorkflowRule } from "@/server/workflows/services/run-workflow-rule";
import { createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asSystem } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { useTestDatabase } from "../support/database";

const HOUR = 3_600_000;

/**
 * The queries behind the workflow list's "SLA breached" filter and the automation rules page's
 * "fired N times" with the latest workflows each rule started.
 */
describe("workflow reports", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  /** Sets a workflow's due date, status and completion time as the days gone by would have. */
  const backdate = (id: string, fields: { due: number; status: string; completed?: number }) =>
    withPlatform(db, (trx) =>
      trx
        .updateTable("workflows")
        .set({
          due_at: new Date(Date.now() + fields.due),
          status: fields.status,
          completed_at: fields.completed === undefined ? null : new Date(Date.now() + fields.completed),
          ...(fields.status === "cancelled" ? { cancel_reason: "Not needed", cancelled_at: new Date() } : {}),
        })
        .where("id", "=", id)
        .execute(),
    );

  it("SLA breached: open past its due date, or completed after it; not one done in time, not yet due, or cancelled", async () => {
    const { admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const repair = (await asAdmin.workflows.templates()).find((template) => template.kind === "repair");
    const start = async () => {
      const asset = await createTestAsset(db, staff, fixtures.categoryId);
      return (await asAdmin.workflows.start({ templateId: repair?.id ?? "", assetId: asset.id })).id;
    };
    const [lateOpen, doneLate, doneInTime, notYetDue, cancelledLate] = [
      await start(),
      await start(),
      await start(),
      await start(),
      await start(),
    ];
    await backdate(lateOpen, { due: -2 * HOUR, status: "in_progress" });
    await backdate(doneLate, { due: -48 * HOUR, status: "completed", completed: -24 * HOUR });
    await backdate(doneInTime, { due: -24 * HOUR, status: "completed", completed: -48 * HOUR });
    await backdate(notYetDue, { due: 48 * HOUR, status: "pending" });
    await backdate(cancelledLate, { due: -48 * HOUR, status: "cancelled" });

    const breached = await asAdmin.workflows.list({ slaBreached: true });
    expect(breached.items.map((item) => item.id).sort()).toEqual([lateOpen, doneLate].sort());
    expect(breached.total).toBe(2);
    expect(breached.items.find((item) => item.id === doneLate)).toMatchObject({
      slaBreached: true,
      overdue: false,
      status: "completed",
    });
    const kept = await asAdmin.workflows.list({ slaBreached: false });
    expect(kept.items.map((item) => item.id).sort()).toEqual([doneInTime, notYetDue, cancelledLate].sort());
    // With the other filters: only the completed ones that breached.
    const completedLate = await asAdmin.workflows.list({ slaBreached: true, status: "completed" });
    expect(completedLate.items.map((item) => item.id)).toEqual([doneLate]);
  });

  it("the rules page counts the workflows each rule started, newest five first, and the steps escalation escalated", async () => {
    const { tenant, admin, staff, fixtures } = await createWorkflowTenant(db);
    const asAdmin = callerFor(admin);
    const started: string[] = [];
    for (let index = 0; index < 6; index++) {
      const asset = await createTestAsset(db, staff, fixtures.categoryId);
      const outcome = await asSystem(db, tenant.id, (scope) =>
        runWorkflowRule(scope, { rule: "repair", assetId: asset.id, triggerEventId: randomUUID() }),
      );
      if (!outcome.workflowId) throw new Error("the repair rule started nothing");
      started.push(outcome.workflowId);
    }
    // A workflow started by hand is no rule's.
    const manual = await createTestAsset(db, staff, fixtures.categoryId);
    const repair = (await asAdmin.workflows.templates()).find((template) => template.kind === "repair");
    const byHand = await asAdmin.workflows.start({ templateId: repair?.id ?? "", assetId: manual.id });
    await withPlatform(db, async (trx) => {
      // Spread over six days, so "newest first" is a real order.
      for (const [index, id] of started.entries()) {
        await trx
          .updateTable("workflows")
          .set({ created_at: new Date(Date.now() - (6 - index) * 24 * HOUR) })
          .where("id", "=", id)
          .execute();
      }
      const [step] = await trx
        .selectFrom("workflow_steps")
        .select("id")
        .where("workflow_id", "=", byHand.id)
        .orderBy("position")
        .execute();
      await trx
        .updateTable("workflow_steps")
        .set({ escalated_at: new Date() })
        .where("id", "=", step?.id ?? "")
        .execute();
    });

    const { rules } = await asAdmin.workflows.rules();
    const repairRule = rules.find((rule) => rule.rule === "repair");
    expect(repairRule?.fired).toBe(6);
    expect(repairRule?.lastRuns.map((run) => run.workflowId)).toEqual(started.slice(1).reverse());
    expect(rules.find((rule) => rule.rule === "incident")).toMatchObject({ fired: 0, lastRuns: [] });
    expect(rules.find((rule) => rule.rule === "step_escalation")).toMatchObject({
      fired: 1,
      lastRuns: [expect.objectContaining({ workflowId: byHand.id })],
    });
  });
});
