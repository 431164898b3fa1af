import { createHash, randomUUID } from "node:crypto";
import { type RawBuilder, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBackground } from "@/db/pglite-priority";
import { retryRun } from "@/inngest/engine/retry-run";
import { canonicalJson, signRequest } from "@/inngest/engine/signature";
import { getRun, listRuns } from "@/server/automation/queries";
import { PLATFORM_TENANT_ID } from "@/server/context";
import { type Db, inBackground, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { createTestTenant } from "../factories/tenants";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";
import { countOf, createEffects, defineTestFunctions, type Effects } from "./engine-functions";

/**
 * The embedded automation engine end to end: real HTTP calls to a serve endpoint built by the
 * Inngest SDK, signed like Inngest's, with runs and steps in the database (PGlite, or PostgreSQL
 * when the suite has one). Each test uses its own tenant or event key.
 */
let harness: EngineHarness;
let db: Db;
let effects: Effects;

beforeAll(async () => {
  effects = createEffects();
  harness = await startEngineHarness((client, database) => defineTestFunctions(client, database, effects));
  db = harness.db;
});
afterAll(() => harness?.close());

const actor = { type: "system" as const, id: null, label: "engine test" };
const emitSettingsChanged = (tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    emit(
      { db: trx, tenantId: tenantId, actor: actor },
      { name: "settings.changed", entityId: tenantId, data: { changes: {} } },
    ),
  );

type Run = Awaited<ReturnType<EngineHarness["runsFor"]>>[number];

/** Waits until the run of `fn` (for the event with data.key = key, or picked by `pick`) ends as `status`. */
function settled(
  fn: string,
  status: "completed" | "failed",
  key?: string,
  pick?: (run: Run) => boolean,
): Promise<Run> {
  return waitFor(`${fn} run ${status}`, async () => {
    const run = (await harness.runsFor(fn, key)).find((item) => pick?.(item) ?? true);
    if (run && run.status !== status && (run.status === "completed" || run.status === "failed")) {
      throw new Error(`run ended ${run.status}: ${JSON.stringify(run.error)}`);
    }
    return run?.status === status ? run : undefined;
  });
}

const send = (name: string, data: Record<string, unknown>) => harness.client.send({ name, data });
const timesOf = (key: string) => effects.times.get(key) ?? [];

describe("events from the outbox", () => {
  it("runs the function of a committed event; its steps run once though the function is called per step", async () => {
    const { tenant } = await createTestTenant(db);
    const { id: eventId } = await emitSettingsChanged(tenant.id);

    const run = await settled(
      "record-setting",
      "completed",
      undefined,
      (item) => item.trigger_event_id === eventId,
    );
    expect(run.tenant_id).toBe(tenant.id);
    const departments = await withTenant(db, tenant.id, (trx) =>
      trx
        .selectFrom("departments")
        .select("id")
        .where("normalized_name", "=", `automated-${eventId}`)
        .execute(),
    );
    expect(departments).toHaveLength(1);
    expect(run.output).toMatchObject({ id: departments[0]?.id });
    expect(countOf(effects, `${eventId}:call`)).toBeGreaterThanOrEqual(3);
    expect(countOf(effects, `${eventId}:create-department`)).toBe(1);
    expect(countOf(effects, `${eventId}:confirm`)).toBe(1);
    const steps = await harness.stepsOf(run.id);
    expect(steps.map((step) => [step.name, step.op])).toEqual([
      ["create-department", "StepRun"],
      ["confirm", "StepRun"],
    ]);
  });

  it("runs nothing for an event whose transaction rolled back", async () => {
    const { tenant } = await createTestTenant(db);
    await expect(
      withTenant(db, tenant.id, async (trx) => {
        await emit(
          { db: trx, tenantId: tenant.id, actor: actor },
          { name: "settings.changed", entityId: tenant.id, data: { changes: {} } },
        );
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    // Deliveries are dispatched in order: once this later event has run, the first would have too.
    const { id: committedId } = await emitSettingsChanged(tenant.id);
    await settled("record-setting", "completed", undefined, (item) => item.trigger_event_id === committedId);

    const runs = (await harness.runsFor("record-setting")).filter((item) => item.tenant_id === tenant.id);
    expect(runs.map((item) => item.trigger_event_id)).toEqual([committedId]);
  });

  it("starts the function once when the same event is delivered twice", async () => {
    const { tenant } = await createTestTenant(db);
    const { id: eventId } = await emitSettingsChanged(tenant.id);
    await settled("record-setting", "completed", undefined, (item) => item.trigger_event_id === eventId);

    await withPlatform(db, (trx) =>
      trx
        .updateTable("event_deliveries")
        .set({ status: "pending" })
        .where("event_id", "=", eventId)
        .execute(),
    );
    harness.wake();
    await waitFor("the second delivery", async () => {
      const delivery = await withPlatform(db, (trx) =>
        trx.selectFrom("event_deliveries").selectAll().where("event_id", "=", eventId).executeTakeFirst(),
      );
      return delivery?.status === "delivered" && delivery.attempts === 2;
    });

    const runs = (await harness.runsFor("record-setting")).filter(
      (item) => item.trigger_event_id === eventId,
    );
    expect(runs).toHaveLength(1);
    expect(countOf(effects, `${eventId}:create-department`)).toBe(1);
  });
});

describe("memoized steps", () => {
  it("replays every earlier result, data and caught failure alike, as the database holds it; each step runs once", async () => {
    const key = `relay-${randomUUID()}`;
    await send("test/relay.requested", { key });
    const run = await settled("relay", "completed", key);

    const expected = { nested: { n: 1.5, list: [1, "two", null, true] }, empty: null, text: "é ✓" };
    expect(run.output).toEqual({ first: expected, failed: `step of ${key} fails for good` });
    for (const step of ["first", "fails", "second", "third"])
      expect(countOf(effects, `${key}:${step}`)).toBe(1);
    const steps = await harness.stepsOf(run.id);
    expect(steps.map((step) => [step.name, step.op])).toEqual([
      ["first", "StepRun"],
      ["fails", "StepFailed"],
      ["second", "StepRun"],
      ["third", "StepRun"],
    ]);
    // What the later calls replayed is what a worker resuming the run would load.
    expect(steps[0]?.data).toEqual(expected);
    expect(steps[1]?.error).toMatchObject({ message: `step of ${key} fails for good` });
    expect(steps[2]?.data).toEqual(run.output);
  });
});

describe("events sent to the engine's event API", () => {
  it("starts a function once for an event id sent twice", async () => {
    const key = randomUUID();
    const event = { id: `once-${key}`, name: "test/once.requested", data: { key } };
    await harness.client.send(event);
    await settled("once", "completed", key);
    await harness.client.send(event);

    expect(await harness.runsFor("once", key)).toHaveLength(1);
    expect(countOf(effects, key)).toBe(1);
  });

  it("runs the function an event from step.sendEvent triggers", async () => {
    const key = randomUUID();
    await send("test/send.requested", { key });
    const sender = await settled("sender", "completed", key);
    const { ids } = sender.output as { ids: string[] };
    expect(ids).toHaveLength(1);

    const receiver = await settled("receiver", "completed", key);
    expect(receiver.trigger_event_id).toBe(ids[0]);
    expect(countOf(effects, key)).toBe(1);
  });

  it("refuses events without the event key", async () => {
    const response = await fetch(
      harness.serveUrl.replace(/\/api\/inngest$/, "/api/inngest/engine/e/wrong-key"),
      {
        method: "POST",
        body: JSON.stringify([{ name: "test/once.requested", data: { key: randomUUID() } }]),
      },
    );
    expect(response.status).toBe(401);
  });
});

describe("failures", () => {
  it("retries a failing step with exponential backoff until it succeeds", async () => {
    const key = randomUUID();
    await send("test/flaky.requested", { key });
    const run = await settled("flaky", "completed", key);

    const [first = 0, second = 0, third = 0] = timesOf(key);
    expect(timesOf(key)).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(100);
    expect(third - second).toBeGreaterThanOrEqual(200);
    expect(run.output).toBe(3);
    const [step] = await harness.stepsOf(run.id);
    expect(step).toMatchObject({ name: "unstable", op: "StepRun", attempts: 3 });
  });

  it("fails at once on NonRetriableError, records the error, and an admin can retry the run", async () => {
    const { tenant } = await createTestTenant(db);
    const key = randomUUID();
    await send("test/refuse.requested", { key, tenantId: tenant.id });
    const failed = await settled("refuse", "failed", key);

    expect(countOf(effects, key)).toBe(1);
    expect(failed.tenant_id).toBe(tenant.id);
    expect(failed.error).toMatchObject({ message: expect.stringContaining(`bad input ${key}`) });
    const listed = await withTenant(db, tenant.id, (trx) => listRuns(trx, tenant.id, { status: "failed" }));
    expect(listed.map((item) => [item.id, item.error?.message])).toEqual([
      [failed.id, expect.stringContaining(`bad input ${key}`)],
    ]);
    const { tenant: other } = await createTestTenant(db);
    expect(await withTenant(db, other.id, (trx) => getRun(trx, tenant.id, failed.id))).toBeNull();

    effects.allow.add(key);
    const retried = await withTenant(db, tenant.id, (trx) => retryRun(trx, tenant.id, failed.id));
    expect(retried.status).toBe("running");
    const completed = await settled("refuse", "completed", key);
    expect(completed.output).toBe("valid");
    const detail = await withTenant(db, tenant.id, (trx) => getRun(trx, tenant.id, failed.id));
    expect(detail?.steps.map((step) => [step.op, step.discarded])).toEqual([
      ["StepFailed", true],
      ["StepRun", false],
    ]);
    await expect(withTenant(db, tenant.id, (trx) => retryRun(trx, tenant.id, failed.id))).rejects.toThrow(
      /Only a failed run/,
    );
  });

  it("retries at the time a RetryAfterError asks for, not at the backoff", async () => {
    const key = randomUUID();
    await send("test/rate-limited.requested", { key });
    await settled("rate-limited", "completed", key);

    const [, second = 0] = timesOf(key);
    expect(timesOf(key)).toHaveLength(2);
    expect(second).toBeGreaterThanOrEqual(effects.retryAt.get(key) ?? Number.POSITIVE_INFINITY);
  });

  it("fails a run that uses a step kind the engine does not support", async () => {
    const key = randomUUID();
    await send("test/wait.requested", { key });
    const run = await settled("waiter", "failed", key);
    expect(run.error).toMatchObject({
      name: "UnsupportedStep",
      message: expect.stringContaining("WaitForSignal"),
    });
  });
});

describe("durability", () => {
  it("keeps a sleep as a persisted timer and finishes it after a restart", async () => {
    const key = randomUUID();
    await send("test/sleep.requested", { key });
    const sleeping = await waitFor("the run to sleep", async () => {
      const [run] = await harness.runsFor("sleeper", key);
      return run?.status === "sleeping" ? run : undefined;
    });
    expect(sleeping.locked_by).toBeNull();
    const nap = (await harness.stepsOf(sleeping.id)).find((step) => step.op === "Sleep");
    expect(nap?.wake_at?.getTime()).toBe(sleeping.next_run_at.getTime());

    await harness.restartEngine();
    await settled("sleeper", "completed", key);
    const [before = 0] = timesOf(`${key}:before`);
    const [after = 0] = timesOf(`${key}:after`);
    expect(timesOf(`${key}:before`)).toHaveLength(1);
    expect(after).toBeGreaterThanOrEqual(nap?.wake_at?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(after - before).toBeGreaterThanOrEqual(1_000);
  });

  it("picks up a run whose worker died (lease expired) and resumes it from its memoized steps", async () => {
    const key = randomUUID();
    const runValues = (suffix: string, lease: { by: string; until: RawBuilder<Date> }) => {
      const event = {
        id: `resume-${key}${suffix}`,
        name: "test/resume.requested",
        data: { key: `${key}${suffix}` },
        ts: 0,
      };
      return {
        tenant_id: PLATFORM_TENANT_ID,
        function_id: harness.functionId("resumable"),
        trigger_event_id: event.id,
        trigger_event_name: event.name,
        trigger_event: JSON.stringify(event),
        status: "running",
        max_attempts: 4,
        started_at: sql<Date>`now() - interval '1 minute'`,
        locked_by: lease.by,
        locked_until: lease.until,
      };
    };
    await withPlatform(db, async (trx) => {
      const dead = await trx
        .insertInto("automation_runs")
        .values(runValues("", { by: "dead-worker", until: sql<Date>`now() - interval '1 second'` }))
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("automation_runs")
        .values(runValues("-held", { by: "live-worker", until: sql<Date>`now() + interval '1 hour'` }))
        .execute();
      // "already-done" finished before the worker died: its result is memoized under its hashed id.
      await trx
        .insertInto("automation_steps")
        .values({
          tenant_id: PLATFORM_TENANT_ID,
          run_id: dead.id,
          step_id: createHash("sha1").update("already-done").digest("hex"),
          name: "already-done",
          op: "StepRun",
          data: JSON.stringify("memoized"),
          completed_at: sql<Date>`now()`,
        })
        .execute();
    });
    harness.wake();

    const run = await settled("resumable", "completed", key);
    expect(run.output).toBe("memoized");
    expect(countOf(effects, `${key}:already-done`)).toBe(0);
    expect(countOf(effects, `${key}:finish`)).toBe(1);
    const finish = (await harness.stepsOf(run.id)).find((step) => step.name === "finish");
    // the dead worker's attempt was counted
    expect(finish?.attempts).toBe(2);
    const [held] = await harness.runsFor("resumable", `${key}-held`);
    expect(held).toMatchObject({ status: "running", locked_by: "live-worker" });
  });
});

describe("scheduling", () => {
  it("runs at most `limit` runs of one concurrency key at a time", async () => {
    const group = randomUUID();
    const keys = [1, 2, 3].map((n) => `${group}-${n}`);
    await harness.client.send(keys.map((key) => ({ name: "test/limited.requested", data: { key, group } })));
    for (const key of keys) await settled("limited", "completed", key);
    expect(effects.maxActive.get(group)).toBe(1);
  });

  it("runs fewer functions at once while people's requests are in flight, all of them again after", async () => {
    let busy = true;
    await harness.restartEngine({ whileBusy: { busy: () => busy, maxConcurrentRuns: 2 } });
    try {
      const quiet = randomUUID();
      const keys = Array.from({ length: 6 }, (_, i) => `${quiet}-${i}`);
      await harness.client.send(
        keys.map((key) => ({ name: "test/held.requested", data: { key, group: quiet } })),
      );
      for (const key of keys) await settled("held", "completed", key);
      expect(effects.maxActive.get(quiet)).toBe(2);

      busy = false;
      const free = randomUUID();
      const more = Array.from({ length: 6 }, (_, i) => `${free}-${i}`);
      await harness.client.send(
        more.map((key) => ({ name: "test/held.requested", data: { key, group: free } })),
      );
      for (const key of more) await settled("held", "completed", key);
      // the harness's cap is 8: six runs of 100 ms, claimed together, overlap beyond two
      expect(effects.maxActive.get(free)).toBeGreaterThan(2);
    } finally {
      await harness.restartEngine();
    }
  });

  it("runs each call of a function as a turn, one at a time", async () => {
    // A turn that lets one piece of work go at a time, in order, as the app's heavy jobs do.
    let pieces = 0;
    let queue: Promise<unknown> = Promise.resolve();
    const turn = <T>(work: () => Promise<T>): Promise<T> => {
      const mine = queue.then(() => {
        pieces++;
        return work();
      });
      queue = mine.catch(() => undefined);
      return mine;
    };
    await harness.restartEngine({ turn });
    try {
      const group = randomUUID();
      const keys = Array.from({ length: 4 }, (_, i) => `${group}-${i}`);
      await harness.client.send(keys.map((key) => ({ name: "test/held.requested", data: { key, group } })));
      for (const key of keys) await settled("held", "completed", key);
      // four runs of 100 ms each, claimed together, never overlapped: each call waited its turn
      expect(effects.maxActive.get(group)).toBe(1);
      // at least a call per run went through the turn
      expect(pieces).toBeGreaterThanOrEqual(keys.length);
    } finally {
      await harness.restartEngine();
    }
  });

  it("dispatches no outbox event while another piece of work holds the turn", async () => {
    // A turn held by a piece of work (an import's batch) until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const turn = async <T>(work: () => Promise<T>): Promise<T> => {
      if (holding) await held;
      return work();
    };
    await harness.restartEngine({ turn });
    try {
      const { tenant } = await createTestTenant(db);
      const { id: eventId } = await emitSettingsChanged(tenant.id);
      harness.wake();
      // Without the turn its run exists within milliseconds (the engine wakes on the event).
      await new Promise((resolve) => setTimeout(resolve, 750));
      const runsOfEvent = async () =>
        (await harness.runsFor("record-setting")).filter((run) => run.trigger_event_id === eventId);
      expect(await runsOfEvent()).toEqual([]);
      holding = false;
      release();
      await settled("record-setting", "completed", undefined, (run) => run.trigger_event_id === eventId);
      expect(await runsOfEvent()).toHaveLength(1);
    } finally {
      release();
      await harness.restartEngine();
    }
  });

  it("works in the context it was started in, not in that of whoever wakes it", async () => {
    // Started as background work, as the app starts it; woken from a person's request, whose
    // commit wakes it. On the embedded database a cycle in the request's context would be served
    // as a person's request, ahead of the people waiting.
    const contexts: boolean[] = [];
    const turn = <T>(work: () => Promise<T>): Promise<T> => {
      contexts.push(isBackground());
      return work();
    };
    await inBackground(() => harness.restartEngine({ turn }));
    try {
      expect(isBackground()).toBe(false);
      for (let wakes = 0; wakes < 5; wakes++) {
        harness.wake();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(contexts.length).toBeGreaterThanOrEqual(5);
      expect(contexts.every(Boolean)).toBe(true);
    } finally {
      await harness.restartEngine();
    }
  });

  it("fires cron triggers as runs without a tenant", async () => {
    const run = await waitFor("a cron run to complete", async () =>
      (await harness.runsFor("ticker")).find((item) => item.status === "completed"),
    );
    expect(run).toMatchObject({
      tenant_id: PLATFORM_TENANT_ID,
      trigger_event_name: "inngest/scheduled.timer",
      trigger_event: expect.objectContaining({ data: { cron: "* * * * * *" } }),
    });
    expect(countOf(effects, "tick")).toBeGreaterThanOrEqual(1);
  });
});

describe("the serve endpoint", () => {
  it("refuses calls that are not signed with the signing key", async () => {
    const body = canonicalJson({
      event: { name: "test/once.requested", data: { key: randomUUID() } },
      events: [],
      steps: {},
      ctx: { run_id: randomUUID(), attempt: 0 },
    });
    const url = `${harness.serveUrl}?fnId=${harness.functionId("once")}&stepId=step`;
    const call = (headers: Record<string, string>) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    expect((await call({})).status).toBe(401);
    const forged = signRequest(
      body,
      "signkey-prod-0000000000000000000000000000000000000000000000000000000000000000",
    );
    expect((await call({ "x-inngest-signature": forged })).status).toBe(401);
  });
});
