import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Listen } from "@/db/listen";
import { sdkFunctionConfigs } from "@/inngest/engine/functions";
import { unsupportedFeatures } from "@/inngest/engine/supported";
import { PLATFORM_TENANT_ID } from "@/server/context";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { createTestTenant } from "../factories/tenants";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";
import {
  createExecutionEffects,
  defineExecutionFunctions,
  type ExecutionEffects,
} from "./engine-execution-functions";

/**
 * The embedded engine's execution features (waitForEvent, cancelOn, onFailure, invoke, parallel
 * steps, timeouts.finish) and the windows in which a step could run twice, each driven through
 * the real engine and the SDK's serve handler. A call taking over 300 ms is overdue here, and a
 * stopping engine gives calls in flight 600 ms.
 */
let harness: EngineHarness;
let db: Db;
let effects: ExecutionEffects;
let registered: ReturnType<typeof defineExecutionFunctions>;

beforeAll(async () => {
  effects = createExecutionEffects();
  harness = await startEngineHarness(
    (client) => {
      registered = defineExecutionFunctions(client, effects);
      return registered;
    },
    {
      invokeTimeoutMs: 300,
      stopGraceMs: 600,
    },
  );
  db = harness.db;
});

it("registers these functions unchanged: the SDK's config carries each option the engine runs", () => {
  const configs = sdkFunctionConfigs(registered, harness.serveUrl);
  expect(
    configs.flatMap((config) => unsupportedFeatures(config).map((problem) => `${config.id}: ${problem}`)),
  ).toEqual([]);
  const byId = new Map(configs.map((config) => [config.id, config]));
  expect(byId.get(harness.functionId("cancellable"))?.cancel).toEqual([
    { event: "test/cancellable.stopped", if: "event.data.key == async.data.key" },
  ]);
  expect(byId.get(harness.functionId("deadline"))?.timeouts).toEqual({ finish: "1s" });
  expect(byId.get(harness.functionId("fragile-failure"))?.triggers).toEqual([
    {
      event: "inngest/function.failed",
      expression: `event.data.function_id == '${harness.functionId("fragile")}'`,
    },
  ]);
  expect(byId.get(harness.functionId("square"))?.triggers).toEqual([]);
});
afterAll(() => harness?.close());

type Run = Awaited<ReturnType<EngineHarness["runsFor"]>>[number];
type Status = "completed" | "failed" | "cancelled" | "sleeping" | "running";

const send = (name: string, data: Record<string, unknown>) => harness.client.send({ name, data });
const startsOf = (key: string) => effects.starts.get(key)?.length ?? 0;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The harness's listener, taking `ms` to close: a stop() waiting on it leaves a window open. */
const slowToUnlisten =
  (listen: Listen | undefined, ms: number): Listen =>
  async (channel, onNotify) => {
    const unlisten = await listen?.(channel, onNotify);
    return async () => {
      await pause(ms);
      await unlisten?.();
    };
  };

/** Waits until the run of `fn` for data.key = key (or picked by `pick`) has `status`. */
function reached(fn: string, status: Status, key?: string, pick?: (run: Run) => boolean): Promise<Run> {
  return waitFor(`${fn} run ${status}`, async () => {
    const run = (await harness.runsFor(fn, key)).find((item) => pick?.(item) ?? true);
    const final = ["completed", "failed", "cancelled"];
    if (run && run.status !== status && final.includes(run.status) && final.includes(status)) {
      throw new Error(`run ended ${run.status}: ${JSON.stringify(run.error)}`);
    }
    return run?.status === status ? run : undefined;
  });
}

const actor = { type: "system" as const, id: null, label: "engine test" };
const emitSettingsChanged = (tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    emit(
      { db: trx, tenantId: tenantId, actor: actor },
      { name: "settings.changed", entityId: tenantId, data: { changes: {} } },
    ),
  );

const waitsOf = (runId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("automation_waits").selectAll().where("run_id", "=", runId).execute(),
  );

/** The failure handler's run for the failed run of `fn` whose event has data.key = key. */
const failureRunFor = (fn: string, key: string) =>
  reached(
    `${fn}-failure`,
    "completed",
    undefined,
    (run) =>
      (run.trigger_event as { data: { event: { data: { key: string } } } }).data.event.data.key === key,
  );

describe("step.waitForEvent", () => {
  it("resumes with the matching event, after a restart, and ignores events that do not match", async () => {
    const key = randomUUID();
    await send("test/approval.requested", { key });
    const waiting = await reached("approval", "sleeping", key);
    expect(await waitsOf(waiting.id)).toHaveLength(1);

    await send("test/approval.given", { key: randomUUID(), by: "someone else" });
    await harness.restartEngine();
    await pause(200);
    expect((await harness.runsFor("approval", key))[0]?.status).toBe("sleeping");

    await send("test/approval.given", { key, by: "the manager" });
    const run = await reached("approval", "completed", key);
    expect(run.output).toEqual({ key, by: "the manager" });
    expect(startsOf(`${key}:after`)).toBe(1);
    expect(await waitsOf(run.id)).toEqual([]);
  });

  it("resumes with an event committed to the outbox, matched on the dispatch", async () => {
    const { tenant } = await createTestTenant(db);
    const { tenant: other } = await createTestTenant(db);
    const key = randomUUID();
    await send("test/settings-watch.requested", { key, tenantId: tenant.id });
    await reached("settings-watch", "sleeping", key);

    await emitSettingsChanged(other.id);
    const { id: eventId } = await emitSettingsChanged(tenant.id);
    const run = await reached("settings-watch", "completed", key);
    expect(run.output).toBe(eventId);
  });

  it("resumes with null when the timeout passes first", async () => {
    const key = randomUUID();
    await send("test/expiring.requested", { key });
    const run = await reached("expiring", "completed", key);
    expect(run.output).toEqual({ timedOut: true });
    expect(run.finished_at && run.finished_at.getTime() - run.created_at.getTime()).toBeGreaterThanOrEqual(
      1_000,
    );
  });
});

describe("cancelOn", () => {
  it("cancels the run a matching event names, and only that one", async () => {
    const [key, other] = [randomUUID(), randomUUID()];
    await send("test/cancellable.requested", { key });
    await send("test/cancellable.requested", { key: other });
    await reached("cancellable", "sleeping", key);
    await reached("cancellable", "sleeping", other);

    await send("test/cancellable.stopped", { key });
    const cancelled = await reached("cancellable", "cancelled", key);
    expect(cancelled.error).toMatchObject({ name: "Cancelled" });
    expect((await harness.runsFor("cancellable", other))[0]?.status).toBe("sleeping");
    expect(startsOf(`${key}:before`)).toBe(1);
    expect(startsOf(`${key}:after`)).toBe(0);
  });

  it("cancels a run after an engine restart: the rule and the run's trigger are read from the database", async () => {
    const key = randomUUID();
    await send("test/cancellable.requested", { key });
    await reached("cancellable", "sleeping", key);
    await harness.restartEngine();

    await send("test/cancellable.stopped", { key });
    expect((await reached("cancellable", "cancelled", key)).error).toMatchObject({ name: "Cancelled" });
    expect(startsOf(`${key}:after`)).toBe(0);
  });

  it("cancels only within the rule's timeout after the trigger: a later event leaves the run be", async () => {
    const [early, late] = [randomUUID(), randomUUID()];
    await send("test/briefly.requested", { key: early });
    await send("test/briefly.requested", { key: late });
    await reached("briefly-cancellable", "sleeping", early);
    await send("test/briefly.stopped", { key: early });
    expect((await reached("briefly-cancellable", "cancelled", early)).error).toMatchObject({
      name: "Cancelled",
    });

    await pause(1_200);
    await send("test/briefly.stopped", { key: late });
    await reached("briefly-cancellable", "completed", late);
    expect([startsOf(`${late}:before`), startsOf(`${late}:after`)]).toEqual([1, 1]);
    expect(startsOf(`${early}:after`)).toBe(0);
  });
});

describe("timeouts.finish", () => {
  it("cancels a run that has not finished in time", async () => {
    const key = randomUUID();
    await send("test/deadline.requested", { key });
    const run = await reached("deadline", "cancelled", key);
    expect(run.error).toMatchObject({ name: "FunctionTimeout" });
    expect(startsOf(`${key}:before`)).toBe(1);
    expect(startsOf(`${key}:after`)).toBe(0);
  });
});

describe("onFailure", () => {
  it("runs the handler once with the failed event and error when the function finally fails", async () => {
    const key = randomUUID();
    await send("test/fragile.requested", { key });
    const failed = await reached("fragile", "failed", key);
    await failureRunFor("fragile", key);

    expect(startsOf(`${key}:alert`)).toBe(1);
    expect(effects.failures.get(key)).toMatchObject({
      message: `broken ${key}`,
      functionId: harness.functionId("fragile"),
      event: { name: "test/fragile.requested", data: { key } },
    });
    const [handler] = (await harness.runsFor("fragile-failure")).filter(
      (run) => (run.trigger_event as { data: { run_id: string } }).data.run_id === failed.id,
    );
    expect(handler).toMatchObject({ trigger_event_name: "inngest/function.failed" });
  });

  it("runs the handler when the engine fails the run itself (an unsupported step)", async () => {
    const key = randomUUID();
    await send("test/signal.requested", { key });
    await reached("signal-waiter", "failed", key);
    await failureRunFor("signal-waiter", key);
    expect(effects.failures.get(key)?.message).toContain("WaitForSignal");
  });

  it("runs the handler when the function's calls keep failing (an invocation error)", async () => {
    const key = randomUUID();
    harness.failCallsTo("unreachable");
    await send("test/unreachable.requested", { key });
    const failed = await reached("unreachable", "failed", key);
    expect(failed.error).toMatchObject({ name: "InvocationError", message: expect.stringContaining("502") });
    await failureRunFor("unreachable", key);
    expect(effects.failures.get(key)?.message).toContain("502");
    expect(startsOf(`${key}:called`)).toBe(0);
    expect(startsOf(`${key}:alert`)).toBe(1);
  });

  it("runs the handler when the run's worker was lost with no attempts left", async () => {
    const key = randomUUID();
    const event = { id: `lost-${key}`, name: "test/fragile.requested", data: { key }, ts: Date.now() };
    await withPlatform(db, (trx) =>
      trx
        .insertInto("automation_runs")
        .values({
          tenant_id: PLATFORM_TENANT_ID,
          function_id: harness.functionId("fragile"),
          trigger_event_id: event.id,
          trigger_event_name: event.name,
          trigger_event: JSON.stringify(event),
          status: "running",
          max_attempts: 1,
          started_at: sql<Date>`now() - interval '1 minute'`,
          locked_by: "dead-worker",
          locked_until: sql<Date>`now() - interval '1 second'`,
        })
        .execute(),
    );
    harness.wake();
    const failed = await reached("fragile", "failed", key);
    expect(failed.error).toMatchObject({ name: "WorkerLost" });
    await failureRunFor("fragile", key);
    expect(effects.failures.get(key)?.message).toContain("dead-worker");
    expect(startsOf(`${key}:alert`)).toBe(1);
  });
});

describe("step.invoke", () => {
  it("returns the invoked function's result", async () => {
    const key = randomUUID();
    await send("test/calculate.requested", { key, n: 7, mode: "ok" });
    const run = await reached("calculator", "completed", key);
    expect(run.output).toEqual({ answer: { square: 49 } });
    const [child] = await harness.runsFor("square", key);
    expect(child).toMatchObject({
      status: "completed",
      trigger_event_name: "inngest/function.invoked",
      tenant_id: run.tenant_id,
    });
  });

  it("throws the invoked function's error in the invoking function", async () => {
    const key = randomUUID();
    await send("test/calculate.requested", { key, n: -2, mode: "ok" });
    const run = await reached("calculator", "completed", key);
    expect(run.output).toEqual({ caught: { name: "NonRetriableError", message: "cannot square -2" } });
  });

  it("throws Inngest's timeout error when the invoked run does not finish in time", async () => {
    const key = randomUUID();
    await send("test/calculate.requested", { key, mode: "timeout" });
    const run = await reached("calculator", "completed", key);
    expect(run.output).toEqual({
      caught: {
        name: "InngestInvokeTimeoutError",
        message: "Timed out waiting for invoked function to complete",
      },
    });
    expect((await harness.runsFor("napper", key))[0]?.status).toBe("sleeping");
  });
});

describe("parallel steps", () => {
  it("run at the same time", async () => {
    const key = randomUUID();
    await send("test/parallel.requested", { key });
    await reached("parallel", "completed", key);
    const spans = effects.spans.get(key) ?? [];
    expect(spans).toHaveLength(3);
    const lastStart = Math.max(...spans.map((span) => span.start));
    const firstEnd = Math.min(...spans.map((span) => span.end));
    expect(lastStart).toBeLessThan(firstEnd);
  });
});

describe("no second copy of a step", () => {
  it("gives every step an idempotency key: the run id is the same on each attempt", async () => {
    const key = randomUUID();
    await send("test/keyed.requested", { key });
    const run = await reached("keyed", "completed", key);
    expect(effects.runIds.get(key)).toEqual([run.id, run.id]);
    expect(run.output).toBe(`${run.id}:charge`);
  });

  it("never claims again a run this process still has in flight, though its lease lapsed", async () => {
    const key = randomUUID();
    await send("test/slow.requested", { key, ms: 1_200 });
    const running = await waitFor("step a to start", async () =>
      startsOf(`${key}:a`) === 1 ? (await harness.runsFor("slow", key))[0] : undefined,
    );
    // The heartbeat stalled (an event-loop pause, a slow database): the lease has lapsed.
    await withPlatform(db, (trx) =>
      trx
        .updateTable("automation_runs")
        .set({ locked_until: sql<Date>`now() - interval '1 second'` })
        .where("id", "=", running.id)
        .execute(),
    );
    await reached("slow", "completed", key);
    expect([startsOf(`${key}:a`), startsOf(`${key}:b`), startsOf(`${key}:c`)]).toEqual([1, 1, 1]);
  });

  it("awaits an overdue call, showing it on the run, instead of retrying the step meanwhile", async () => {
    const key = randomUUID();
    await send("test/slow.requested", { key, ms: 900 });
    const overdue = await waitFor("the run to show an overdue call", async () => {
      const [run] = await harness.runsFor("slow", key);
      return (run?.error as { name?: string } | null)?.name === "CallOverdue" ? run : undefined;
    });
    expect(overdue.status).toBe("running");
    const run = await reached("slow", "completed", key);
    expect(run.error).toBeNull();
    expect([startsOf(`${key}:a`), startsOf(`${key}:b`), startsOf(`${key}:c`)]).toEqual([1, 1, 1]);
  });

  it("a worker whose lease renewal failed calls no further step: it hands the run back", async () => {
    const key = randomUUID();
    await send("test/slow.requested", { key, ms: 1_500 });
    await waitFor("step a to start", async () => startsOf(`${key}:a`) === 1);
    const [running] = await harness.runsFor("slow", key);
    const worker = running?.locked_by ?? "";
    const setHolder = (holder: string) =>
      withPlatform(db, (trx) =>
        trx
          .updateTable("automation_runs")
          .set({ locked_by: holder })
          .where("id", "=", running?.id ?? "")
          .execute(),
      );
    // Another holder for a heartbeat (every second here): the renewal fails, then the lease is back.
    await setHolder("someone-else");
    await pause(1_100);
    await setHolder(worker);
    const stepAEnded = Date.now() + 300;

    const run = await reached("slow", "completed", key);
    expect([startsOf(`${key}:a`), startsOf(`${key}:b`), startsOf(`${key}:c`)]).toEqual([1, 1, 1]);
    // Step b was called only after the run was handed back (due again) and claimed anew.
    expect(run.next_run_at.getTime()).toBeGreaterThanOrEqual(stepAEnded - 500);
    expect((effects.starts.get(`${key}:b`)?.[0] ?? 0) - run.next_run_at.getTime()).toBeGreaterThanOrEqual(0);
  });

  it("on shutdown, starts no call from the moment stop() is called, though its listener is slow to close", async () => {
    await harness.restartEngine({ listen: slowToUnlisten(harness.listen, 1_000) });
    const key = randomUUID();
    await send("test/slow.requested", { key, ms: 300 });
    await waitFor("step a to start", async () => startsOf(`${key}:a`) === 1);
    // Step a ends while stop() waits for the listener: the run must not go on to step b.
    await harness.stopEngine();
    expect(startsOf(`${key}:b`)).toBe(0);

    await harness.restartEngine();
    await reached("slow", "completed", key);
    expect([startsOf(`${key}:a`), startsOf(`${key}:b`), startsOf(`${key}:c`)]).toEqual([1, 1, 1]);
  });

  it("on shutdown, finishes and records the step in flight and starts no other", async () => {
    const key = randomUUID();
    await send("test/slow.requested", { key, ms: 400 });
    await waitFor("step a to start", async () => startsOf(`${key}:a`) === 1);
    await harness.stopEngine();

    const [stopped] = await harness.runsFor("slow", key);
    expect(stopped).toMatchObject({ status: "running", locked_by: null });
    expect((await harness.stepsOf(stopped?.id ?? "")).map((step) => step.name)).toEqual(["a"]);
    expect(startsOf(`${key}:b`)).toBe(0);

    await harness.restartEngine();
    await reached("slow", "completed", key);
    expect([startsOf(`${key}:a`), startsOf(`${key}:b`), startsOf(`${key}:c`)]).toEqual([1, 1, 1]);
  });
});
