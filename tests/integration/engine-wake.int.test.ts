import { afterAll, beforeAll, expect, it } from "vitest";
import { withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { createTestTenant } from "../factories/tenants";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/** An engine that polls once an hour: only the notification of a commit can start a run in time. */
let harness: EngineHarness;
beforeAll(async () => {
  harness = await startEngineHarness(
    (client) => [
      client.createFunction(
        { id: "woken", triggers: [{ event: "settings.changed" }] },
        async ({ event }) => event.id,
      ),
    ],
    { pollMs: 60 * 60_000 },
  );
});
afterAll(() => harness?.close());

const actor = { type: "system" as const, id: null, label: "wake test" };

async function emitAndAwaitRun(tenantId: string, timeoutMs?: number) {
  const { id } = await withTenant(harness.db, tenantId, (trx) =>
    emit(
      { db: trx, tenantId: tenantId, actor: actor },
      { name: "settings.changed", entityId: tenantId, data: { changes: {} } },
    ),
  );
  return waitFor(
    `the run of ${id}`,
    async () =>
      (await harness.runsFor("woken")).find(
        (run) => run.trigger_event_id === id && run.status === "completed",
      ),
    timeoutMs,
  );
}

it("starts the run of a committed event at once, without waiting for the next poll", async () => {
  const { tenant } = await createTestTenant(harness.db);
  // Once a first run has completed, the engine's start-up poll is over: the next one is an hour away.
  await emitAndAwaitRun(tenant.id);

  const run = await emitAndAwaitRun(tenant.id, 5_000);
  expect(run.output).toBe(run.trigger_event_id);
});
