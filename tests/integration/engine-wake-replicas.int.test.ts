import { Inngest } from "inngest";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { LISTENER_APPLICATION_NAME } from "@/db/listen";
import { receiveEvents } from "@/inngest/engine/event-intake";
import { loadFunctions } from "@/inngest/engine/functions";
import { retryRun } from "@/inngest/engine/retry-run";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { EVENTS_CHANNEL, emit } from "@/server/events/emit";
import { callerFor } from "../factories/isolation";
import { createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/**
 * Wake-ups reach every replica: each engine LISTENs on EVENTS_CHANNEL on a connection of its own,
 * so work committed by one process (events from step.sendEvent, an admin's retry) must notify the
 * channel, not only wake the engine of the process that committed it. A listener on another
 * connection here plays the other replica.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
});
afterAll(() => handle.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another replica's listener: counts the notifications it hears. */
async function otherReplica(): Promise<{ heard: () => number; stop: () => Promise<void> }> {
  if (!handle.listen) throw new Error("the test database has no listener");
  let heard = 0;
  const stop = await handle.listen(EVENTS_CHANNEL, () => {
    heard++;
  });
  return { heard: () => heard, stop };
}

it("events sent by functions (the engine's event API) wake every replica, once they are committed", async () => {
  const client = new Inngest({ id: "wake-test", isDev: false });
  const fn = client.createFunction({ id: "on-sent", triggers: [{ event: "test/sent" }] }, async () => null);
  const options = {
    db,
    eventKey: "wake-test-key",
    functions: loadFunctions([fn], "http://127.0.0.1:1/api/inngest"),
  };
  const send = (name: string) =>
    receiveEvents(
      new Request("http://app.test/api/inngest/engine/e/wake-test-key", {
        method: "POST",
        body: JSON.stringify({ name, data: {} }),
      }),
      "wake-test-key",
      options,
    );
  const replica = await otherReplica();
  try {
    expect((await send("test/nothing-listens")).status).toBe(200);
    // Long enough for a notification to arrive, had one been sent: nothing was queued.
    await pause(300);
    expect(replica.heard()).toBe(0);

    expect((await send("test/sent")).status).toBe(200);
    await waitFor("the other replica's wake-up", async () => replica.heard() >= 1);
  } finally {
    await replica.stop();
  }
});

/** A failed run of the tenant's first event, as a run out of attempts leaves it. */
async function failedRun(tenantId: string): Promise<{ id: string }> {
  return withPlatform(db, async (trx) => {
    const event = await trx
      .selectFrom("events")
      .select(["id", "name"])
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow();
    return trx
      .insertInto("automation_runs")
      .values({
        tenant_id: tenantId,
        function_id: "assetronics-provision-tenant-defaults",
        trigger_event_id: event.id,
        trigger_event_name: event.name,
        trigger_event: JSON.stringify({ id: event.id, name: event.name, data: {} }),
        status: "failed",
        attempt: 3,
        max_attempts: 3,
        error: JSON.stringify({ name: "Error", message: "it failed" }),
        finished_at: sql<Date>`now()`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  });
}

it("an admin's retry of a failed run wakes every replica", async () => {
  const { tenant, admin } = await createTestTenant(db);
  const run = await failedRun(tenant.id);
  const replica = await otherReplica();
  try {
    await callerFor(admin).automation.retry({ runId: run.id });
    await waitFor("the other replica's wake-up", async () => replica.heard() >= 1);
  } finally {
    await replica.stop();
  }
});

it("the engine's retry of a run notifies every replica by itself once it commits, with no event emitted", async () => {
  const { tenant } = await createTestTenant(db);
  const run = await failedRun(tenant.id);
  // Lets the wake-ups of the tenant's creation go by before the other replica listens.
  await pause(300);
  const replica = await otherReplica();
  try {
    await withTenant(db, tenant.id, async (trx) => {
      await retryRun(trx, tenant.id, run.id);
      await pause(300);
      // Nothing is heard before the commit: the run is not visible to another replica yet.
      expect(replica.heard()).toBe(0);
    });
    await waitFor("the other replica's wake-up", async () => replica.heard() >= 1);
  } finally {
    await replica.stop();
  }
});

describe.skipIf(!inject("testDatabaseUrl"))("an engine whose listening connection was killed", () => {
  let harness: EngineHarness;
  beforeAll(async () => {
    // Polls once an hour: only a notification can start a run in time.
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

  const listenerPids = () =>
    withPlatform(harness.db, (trx) =>
      sql<{ pid: number }>`
        select pid from pg_stat_activity
        where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()
      `.execute(trx),
    ).then((result) => result.rows.map((row) => row.pid));

  it("reconnects and is woken by the next commit", async () => {
    const { tenant } = await createTestTenant(harness.db);
    const [before] = await waitFor("the engine's listener", async () => {
      const pids = await listenerPids();
      return pids.length === 1 ? pids : undefined;
    });
    await withPlatform(harness.db, (trx) => sql`select pg_terminate_backend(${before})`.execute(trx));
    await waitFor("a new listening connection", async () => {
      const pids = await listenerPids();
      return pids.length === 1 && pids[0] !== before;
    });
    // Past the catch-up cycle a reconnect triggers: from here only a notification wakes the engine.
    await pause(300);

    const { id } = await withTenant(harness.db, tenant.id, (trx) =>
      emit(
        { db: trx, tenantId: tenant.id, actor: { type: "system", id: null, label: "wake test" } },
        { name: "settings.changed", entityId: tenant.id, data: { changes: {} } },
      ),
    );
    const run = await waitFor(
      "the run of the event committed after the reconnect",
      async () => (await harness.runsFor("woken")).find((item) => item.trigger_event_id === id),
      5_000,
    );
    expect(run.trigger_event_id).toBe(id);
  });
});
