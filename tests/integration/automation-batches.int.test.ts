import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { startOffboardingFunction } from "@/inngest/functions/workflows/start-offboarding";
import { type Db, useDatabase, withPlatform, withTenant } from "@/server/db";
import { terminateEmployee } from "@/server/employees/services/terminate-employee";
import { asUser } from "../factories/tenants";
import { createWorkflowTenant } from "../factories/workflows";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/**
 * A batch of a tenant's events in which one event fails: the others' work is done and kept, the
 * failed one is done on a retry, and nothing is done twice.
 */
describe("batched automation with one failing event", () => {
  let harness: EngineHarness;
  let db: Db;
  beforeAll(async () => {
    harness = await startEngineHarness((client) => [createTenantFunction(client, startOffboardingFunction)]);
    db = harness.db;
    useDatabase({ db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  const offboardingsOf = (tenantId: string, employeeId: string) =>
    withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("workflows")
        .select(["id", "trigger_event_id"])
        .where("tenant_id", "=", tenantId)
        .where("employee_id", "=", employeeId)
        .where("kind", "=", "offboarding")
        .execute(),
    );

  const runOf = (tenantId: string) =>
    withPlatform(db, (trx) =>
      trx
        .selectFrom("automation_runs")
        .select(["id", "status", "attempt", "trigger_events"])
        .where("tenant_id", "=", tenantId)
        .where("function_id", "like", "%start-offboarding")
        .executeTakeFirst(),
    );

  it("one leaver's offboarding failing does not hold back the other's; a retry starts it, and neither twice", async () => {
    const { tenant, staff, fixtures } = await createWorkflowTenant(db);
    const [failing, healthy] = [fixtures.jane.id, fixtures.omar.id];
    // A fault in the database, as a lock timeout or a constraint would be: one leaver's
    // offboarding cannot be written until the fault is cleared.
    await sql
      .raw(`
        create or replace function test_fail_offboarding() returns trigger language plpgsql as $$
        begin
          if new.employee_id = '${failing}' and new.kind = 'offboarding' then
            raise exception 'offboarding for % refused by the test', new.employee_id;
          end if;
          return new;
        end $$
      `)
      .execute(db);
    await sql`create trigger fail_offboarding before insert on workflows
      for each row execute function test_fail_offboarding()`.execute(db);
    try {
      const today = new Date().toISOString().slice(0, 10);
      await asUser(db, staff, async (scope) => {
        await terminateEmployee(scope, { employeeId: failing, terminationDate: today });
        await terminateEmployee(scope, { employeeId: healthy, terminationDate: today });
      });
      harness.wake();

      // The healthy leaver's offboarding commits on the first attempt, while the run retries.
      await waitFor("the healthy leaver's offboarding", async () =>
        (await offboardingsOf(tenant.id, healthy)).length === 1 ? true : undefined,
      );
      await waitFor("the run retrying", async () => {
        const run = await runOf(tenant.id);
        return run && run.attempt >= 1 ? run : undefined;
      });
      expect(await offboardingsOf(tenant.id, failing)).toHaveLength(0);
    } finally {
      await sql`drop trigger if exists fail_offboarding on workflows`.execute(db);
      await sql`drop function if exists test_fail_offboarding()`.execute(db);
    }

    const run = await waitFor("the run completed", async () => {
      const row = await runOf(tenant.id);
      return row?.status === "completed" ? row : undefined;
    });
    expect(run.trigger_events).toHaveLength(2);
    for (const employeeId of [failing, healthy]) {
      const offboardings = await offboardingsOf(tenant.id, employeeId);
      expect(offboardings, `offboardings of ${employeeId}`).toHaveLength(1);
    }
  });
});
