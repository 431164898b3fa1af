import { randomUUID } from "node:crypto";
import { Inngest } from "inngest";
import { serve } from "inngest/edge";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkFunctionConfigs } from "@/inngest/engine/functions";
import { withPlatform } from "@/server/db";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { startHttpServer } from "../support/http-server";
import { waitFor } from "../support/wait-for";
import { createFlowEffects, defineFlowFunctions, type FlowEffects } from "./engine-flow-functions";

/**
 * Flow control and triggers through the embedded engine: real HTTP calls to the SDK's serve
 * handler, runs in the database, Inngest's documented semantics for each option.
 */
let harness: EngineHarness;
let effects: FlowEffects;

beforeAll(async () => {
  effects = createFlowEffects();
  harness = await startEngineHarness((client) => defineFlowFunctions(client, effects));
});
afterAll(() => harness?.close());

type Run = Awaited<ReturnType<EngineHarness["runsFor"]>>[number];
type Data = Record<string, unknown> & { key: string };

const send = (name: string, data: Data | Data[]) =>
  harness.client.send((Array.isArray(data) ? data : [data]).map((item) => ({ name, data: item })));

const finished = (run: Run | undefined) =>
  run !== undefined && ["completed", "failed", "cancelled", "skipped"].includes(run.status);

/** The run of `fn` whose trigger event has data.key = key, once it has finished. */
function runEnded(fn: string, key: string, timeoutMs?: number): Promise<Run> {
  return waitFor(
    `${fn} run for ${key}`,
    async () => {
      const [run] = await harness.runsFor(fn, key);
      return finished(run) ? run : undefined;
    },
    timeoutMs,
  );
}

const startOf = (key: string) => effects.started.get(key)?.[0] ?? Number.NaN;
const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => `${prefix}-${n + 1}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("concurrency", () => {
  it("holds every limit at once: one step per key, and two across functions sharing an env-scoped key", async () => {
    const id = randomUUID();
    const [a1 = "", a2 = "", a3 = ""] = keys(`${id}-a`, 3);
    const [b1 = "", b2 = ""] = keys(`${id}-b`, 2);
    await send("test/pool-a.requested", [
      { key: a1, group: `${id}-x` },
      { key: a2, group: `${id}-x` },
      { key: a3, group: `${id}-y` },
    ]);
    await send("test/pool-b.requested", [{ key: b1 }, { key: b2 }]);

    for (const key of [a1, a2, a3]) expect((await runEnded("pool-a", key)).status).toBe("completed");
    for (const key of [b1, b2]) expect((await runEnded("pool-b", key)).status).toBe("completed");
    expect(effects.maxActive.get(`pool-a:${id}-x`)).toBe(1);
    expect(effects.maxActive.get("shared-pool")).toBe(2);
  });
});

describe("concurrency, account scope", () => {
  it("holds a limit shared by every function with the same account-scoped key, and only that key", async () => {
    const [id, other] = [randomUUID(), randomUUID()];
    const [a1 = "", a2 = "", b1 = ""] = keys(id, 3);
    const [elsewhere = ""] = keys(other, 1);
    await send("test/account-a.requested", [
      { key: a1, group: id },
      { key: a2, group: id },
    ]);
    await send("test/account-b.requested", [
      { key: b1, group: id },
      { key: elsewhere, group: other },
    ]);
    for (const key of [a1, a2]) expect((await runEnded("account-a", key)).status).toBe("completed");
    for (const key of [b1, elsewhere]) expect((await runEnded("account-b", key)).status).toBe("completed");
    expect(effects.maxActive.get(`account:${id}`)).toBe(1);
    // The three runs of one key went one after another; another key's run did not wait for them.
    const starts = [a1, a2, b1].map(startOf).sort((x, y) => x - y);
    expect((starts[2] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(2 * 250 - 50);
    expect(startOf(elsewhere)).toBeLessThan(starts[2] ?? 0);
  });
});

describe("throttle", () => {
  it("starts limit + burst runs at once, then one per period / limit, in the order they came", async () => {
    const id = randomUUID();
    const throttledKeys = keys(id, 4);
    // one send each, so each run has its own queue time to keep the order of
    for (const key of throttledKeys) await send("test/throttled.requested", { key, group: id });
    const [other = ""] = keys(`${id}-other`, 1);
    await send("test/throttled.requested", { key: other, group: `${id}-other` });

    for (const key of throttledKeys) expect((await runEnded("throttled", key)).status).toBe("completed");
    const starts = throttledKeys.map(startOf);
    const [first = 0, second = 0, third = 0, fourth = 0] = starts;
    expect(second - first).toBeLessThan(800);
    expect(third - first).toBeGreaterThanOrEqual(900);
    expect(fourth - first).toBeGreaterThanOrEqual(1_900);
    expect([...starts].sort((x, y) => x - y)).toEqual(starts);
    // another key has its own throttle
    expect((await runEnded("throttled", other)).status).toBe("completed");
    expect(startOf(other) - first).toBeLessThan(800);
  });
});

describe("rateLimit and idempotency", () => {
  it("skips events past the rate limit and records why, per key", async () => {
    const id = randomUUID();
    const limited = keys(id, 4);
    await send(
      "test/rate.requested",
      limited.map((key) => ({ key, group: id })),
    );
    const [other = ""] = keys(`${id}-other`, 1);
    await send("test/rate.requested", { key: other, group: `${id}-other` });

    const runs = await Promise.all(limited.map((key) => runEnded("rate-limited-flow", key)));
    expect(runs.map((run) => run.status)).toEqual(["completed", "completed", "skipped", "skipped"]);
    expect(runs[2]?.error).toMatchObject({
      name: "RateLimited",
      message: expect.stringContaining("2 run(s)"),
    });
    expect(effects.started.has(limited[2] ?? "")).toBe(false);
    expect((await runEnded("rate-limited-flow", other)).status).toBe("completed");
  });

  it("starts one run per idempotency key", async () => {
    const id = randomUUID();
    const [first = "", second = ""] = keys(id, 2);
    await send("test/idempotent.requested", [
      { key: first, group: id },
      { key: second, group: id },
    ]);
    expect((await runEnded("idempotent", first)).status).toBe("completed");
    expect(await runEnded("idempotent", second)).toMatchObject({
      status: "skipped",
      error: { name: "Idempotent" },
    });
    expect(effects.started.has(second)).toBe(false);
  });

  it("starts a run for the key again once the first is over 24 hours old", async () => {
    const id = randomUUID();
    const [first = "", second = "", third = ""] = keys(id, 3);
    await send("test/idempotent.requested", { key: first, group: id });
    const run = await runEnded("idempotent", first);
    expect(run.status).toBe("completed");
    // 23 hours on, the key still holds; the stored time is moved back rather than waited for.
    await movedBack(run.id, "23 hours");
    await send("test/idempotent.requested", { key: second, group: id });
    expect(await runEnded("idempotent", second)).toMatchObject({ status: "skipped" });
    await movedBack(run.id, "2 hours");
    await send("test/idempotent.requested", { key: third, group: id });
    expect((await runEnded("idempotent", third)).status).toBe("completed");
    expect(effects.started.has(second)).toBe(false);
    expect(effects.started.has(third)).toBe(true);
  });
});

/** Moves a run's creation time back by `interval` (a PostgreSQL interval), as if that had passed. */
const movedBack = (runId: string, interval: string) =>
  withPlatform(harness.db, (trx) =>
    trx
      .updateTable("automation_runs")
      .set({ created_at: sql`created_at - ${interval}::interval` })
      .where("id", "=", runId)
      .execute(),
  );

describe("debounce", () => {
  it("starts one run with the last event, a period after it", async () => {
    const id = randomUUID();
    const debouncedKeys = keys(id, 3);
    let lastSentAt = 0;
    for (const key of debouncedKeys) {
      lastSentAt = Date.now();
      await send("test/debounced.requested", { key, group: id });
      await pause(300);
    }
    const last = debouncedKeys[2] ?? "";
    const run = await runEnded("debounced", last);
    expect(run).toMatchObject({ status: "completed", output: last });
    expect(startOf(id) - lastSentAt).toBeGreaterThanOrEqual(950);
    expect(effects.started.get(id)).toHaveLength(1);
    for (const key of debouncedKeys.slice(0, 2)) expect(await harness.runsFor("debounced", key)).toEqual([]);
  });

  it("starts the run at the timeout even while events keep coming", async () => {
    const id = randomUUID();
    const firstSentAt = Date.now();
    for (const key of keys(id, 12)) {
      await send("test/debounced.requested", { key, group: id });
      await pause(400);
    }
    const lastSentAt = Date.now();
    const startedAt = await waitFor("a debounced run", async () => effects.started.get(id)?.[0]);
    expect(startedAt).toBeLessThan(lastSentAt);
    expect(startedAt - firstSentAt).toBeGreaterThanOrEqual(2_900);
  });
});

describe("singleton", () => {
  it("skips an event while the key's run is in progress (mode skip)", async () => {
    const id = randomUUID();
    const [first = "", second = "", third = ""] = keys(id, 3);
    await send("test/singleton-skip.requested", { key: first, group: id });
    await waitFor("the first run to start", async () => effects.started.has(first));
    await send("test/singleton-skip.requested", { key: second, group: id });

    expect(await runEnded("singleton-skip", second)).toMatchObject({
      status: "skipped",
      error: { name: "Singleton", message: expect.stringContaining("still in progress") },
    });
    expect((await runEnded("singleton-skip", first)).status).toBe("completed");
    await send("test/singleton-skip.requested", { key: third, group: id });
    expect((await runEnded("singleton-skip", third)).status).toBe("completed");
  });

  it("cancels the key's run in progress and starts the new one (mode cancel)", async () => {
    const id = randomUUID();
    const [first = "", second = ""] = keys(id, 2);
    await send("test/singleton-cancel.requested", { key: first, group: id });
    await waitFor(
      "the first run to sleep",
      async () => (await harness.runsFor("singleton-cancel", first))[0]?.status === "sleeping",
    );
    await send("test/singleton-cancel.requested", { key: second, group: id });

    expect(await runEnded("singleton-cancel", first)).toMatchObject({
      status: "cancelled",
      error: { name: "Cancelled" },
    });
    expect(await runEnded("singleton-cancel", second)).toMatchObject({ status: "completed", output: second });
    await pause(300);
    expect(effects.started.has(`${first}:finished`)).toBe(false);
  });
});

describe("batchEvents", () => {
  it("hands one run the events of a full batch, and a partial batch at its timeout", async () => {
    const id = randomUUID();
    const batch = keys(id, 3);
    const [lone = ""] = keys(`${id}-lone`, 1);
    const sentAt = Date.now();
    await send("test/batched.requested", [
      ...batch.map((key) => ({ key, group: id })),
      { key: lone, group: `${id}-lone` },
    ]);

    expect(await runEnded("batched", batch[0] ?? "")).toMatchObject({ status: "completed", output: batch });
    for (const key of batch.slice(1)) expect(await harness.runsFor("batched", key)).toEqual([]);
    const partial = await runEnded("batched", lone);
    expect(partial).toMatchObject({ status: "completed", output: [lone] });
    expect((partial.started_at?.getTime() ?? 0) - sentAt).toBeGreaterThanOrEqual(900);
  });
});

describe("priority and start timeouts", () => {
  it("claims a run with a higher priority.run before runs queued earlier", async () => {
    const id = randomUUID();
    const [blocker = "", n1 = "", n2 = "", vip = ""] = keys(id, 4);
    let release = () => {};
    effects.holds.set(blocker, new Promise<void>((resolve) => (release = resolve)));
    await send("test/prioritized.requested", { key: blocker });
    await waitFor("the blocker to start", async () => effects.order.includes(blocker));
    // one send each: runs queued in one transaction share their queue time, and so their place
    await send("test/prioritized.requested", { key: n1 });
    await send("test/prioritized.requested", { key: n2 });
    await send("test/prioritized.requested", { key: vip, vip: true });
    // the relay turns events into runs after the send returns: all three must wait in the queue
    for (const key of [n1, n2, vip])
      await waitFor(
        `the ${key} run to be queued`,
        async () => (await harness.runsFor("prioritized", key)).length > 0,
      );
    release();

    for (const key of [blocker, n1, n2, vip])
      expect((await runEnded("prioritized", key)).status).toBe("completed");
    expect(effects.order.filter((key) => key.startsWith(id))).toEqual([blocker, vip, n1, n2]);
  });

  it("cancels a run that could not start within timeouts.start", async () => {
    const id = randomUUID();
    const [blocker = "", late = ""] = keys(id, 2);
    await send("test/impatient.requested", { key: blocker, holdMs: 2_500 });
    await waitFor("the blocker to start", async () => effects.started.has(blocker));
    await send("test/impatient.requested", { key: late });

    expect(await runEnded("impatient", late)).toMatchObject({
      status: "cancelled",
      error: { name: "StartTimeout" },
    });
    expect((await runEnded("impatient", blocker)).status).toBe("completed");
    expect(effects.started.has(late)).toBe(false);
  });
});

describe("triggers", () => {
  it("matches wildcard names and runs only events whose if condition holds", async () => {
    const id = randomUUID();
    const [matching = "", notVip = "", otherName = ""] = keys(id, 3);
    await harness.client.send([
      { name: "test/flow.started", data: { key: notVip, vip: false } },
      { name: "test/other.started", data: { key: otherName, vip: true } },
      { name: "test/flow.finished", data: { key: matching, vip: true } },
    ]);
    expect(await runEnded("conditional", matching)).toMatchObject({
      status: "completed",
      output: "test/flow.finished",
    });
    expect(await harness.runsFor("conditional", notVip)).toEqual([]);
    expect(await harness.runsFor("conditional", otherName)).toEqual([]);
  });
});

describe("registration with Inngest", () => {
  it("registers the same definitions with their flow control unchanged", async () => {
    const registrations: Array<{ functions: Array<Record<string, unknown>> }> = [];
    const inngestApi = await startHttpServer(async (request) => {
      if (new URL(request.url).pathname.endsWith("/fn/register")) {
        registrations.push((await request.json()) as (typeof registrations)[number]);
        return Response.json({ ok: true, modified: true });
      }
      return new Response("not found", { status: 404 });
    });
    try {
      const client = new Inngest({
        id: "flow-register",
        isDev: false,
        signingKey: "signkey-test-0123456789abcdef0123456789abcdef",
        eventKey: "flow-register-event-key",
        baseUrl: inngestApi.url,
      });
      const functions = defineFlowFunctions(client, createFlowEffects());
      const handler = serve({ client, functions });
      const response = await handler(
        new Request("http://app.test/api/inngest", { method: "PUT", headers: { host: "app.test" } }),
      );
      expect(response.status).toBe(200);

      const registered = registrations[0]?.functions ?? [];
      const expected = sdkFunctionConfigs(functions, "http://app.test/api/inngest");
      expect(registered.map((fn) => fn.id)).toEqual(expected.map((fn) => fn.id));
      const byId = new Map(registered.map((fn) => [fn.id, fn]));
      expect(byId.get("flow-register-throttled")).toMatchObject({
        throttle: { limit: 1, period: "1s", burst: 1, key: "event.data.group" },
      });
      expect(byId.get("flow-register-pool-a")).toMatchObject({
        concurrency: [
          { limit: 1, key: "event.data.group" },
          { limit: 2, scope: "env", key: '"shared-pool"' },
        ],
      });
      expect(byId.get("flow-register-conditional")).toMatchObject({
        triggers: [{ event: "test/flow.*", expression: "event.data.vip == true && event.data.key != ''" }],
      });
      for (const fn of expected) {
        const { steps: _steps, ...options } = fn;
        const { steps: _registeredSteps, ...registeredOptions } = byId.get(fn.id) ?? {};
        expect(registeredOptions, fn.id).toEqual(JSON.parse(JSON.stringify(options)));
      }
    } finally {
      await inngestApi.close();
    }
  });
});
