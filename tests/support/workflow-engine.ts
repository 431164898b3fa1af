import { expect } from "vitest";
import { type Db, withPlatform, withTenant } from "@/server/db";
import type { EngineHarness } from "./engine-harness";
import { waitFor } from "./wait-for";

export type WorkflowFilter = { assetId?: string; employeeId?: string; kind?: string };

/**
 * What workflow tests through the embedded engine ask of it: the tenant's workflows, its events by
 * name, "every run has finished" (so "none started" means none), the one workflow a trigger
 * started, and an asset's state.
 */
export function workflowEngineProbes(harness: EngineHarness, db: Db) {
  const workflowsOf = (tenantId: string, filter: WorkflowFilter) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("workflows")
        .select(["id", "kind", "status", "rule", "trigger_event_id", "employee_id", "asset_id", "outcome"])
        .where("tenant_id", "=", tenantId)
        .$if(Boolean(filter.assetId), (q) => q.where("asset_id", "=", filter.assetId ?? ""))
        .$if(Boolean(filter.employeeId), (q) => q.where("employee_id", "=", filter.employeeId ?? ""))
        .$if(Boolean(filter.kind), (q) => q.where("kind", "=", filter.kind ?? ""))
        .orderBy("created_at")
        .execute(),
    );

  const eventsNamed = (tenantId: string, name: string, entityId?: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["id", "name", "actor_type", "actor_label", "caused_by", "data"])
        .where("name", "=", name)
        .$if(Boolean(entityId), (q) => q.where("entity_id", "=", entityId ?? ""))
        .orderBy("seq")
        .execute(),
    );

  const settled = async () => {
    harness.wake();
    await waitFor("the functions to run", async () => {
      const busy = await withPlatform(db, (trx) =>
        trx
          .selectFrom("automation_runs")
          .select("id")
          .where("status", "not in", ["completed", "failed", "cancelled"])
          .where("function_id", "not like", "%report-overdue-steps%")
          .execute(),
      );
      const undelivered = await withPlatform(db, (trx) =>
        trx
          .selectFrom("event_deliveries")
          .select("event_id")
          .where("delivered_at", "is", null)
          .where("dead_at", "is", null)
          .execute(),
      );
      return busy.length === 0 && undelivered.length === 0 ? true : undefined;
    });
  };

  const oneWorkflow = async (tenantId: string, filter: WorkflowFilter) => {
    harness.wake();
    await waitFor("the automated workflow", async () => {
      const rows = await workflowsOf(tenantId, filter);
      return rows.length > 0 ? rows : undefined;
    });
    await settled();
    const all = await workflowsOf(tenantId, filter);
    expect(all).toHaveLength(1);
    return all[0] as (typeof all)[number];
  };

  /** The asset's status kind and holder, as a workflow's outcome leaves them. */
  const assetState = (tenantId: string, assetId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("assets")
        .innerJoin("statuses", "statuses.id", "assets.status_id")
        .select(["statuses.kind", "assets.employee_id"])
        .where("assets.id", "=", assetId)
        .executeTakeFirstOrThrow(),
    );

  return { workflowsOf, eventsNamed, settled, oneWorkflow, assetState };
}

export type WorkflowEngineProbes = ReturnType<typeof workflowEngineProbes>;
