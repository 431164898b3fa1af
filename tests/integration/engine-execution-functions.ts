import type { Inngest, InngestFunction } from "inngest";
import { NonRetriableError } from "inngest";

/** What the execution test functions did, as the test observes it (same process as the server). */
export function createExecutionEffects() {
  return {
    /** Times each keyed effect started, in order. */
    starts: new Map<string, number[]>(),
    /** Start and end of each parallel step. */
    spans: new Map<string, Array<{ start: number; end: number }>>(),
    /** What a failure handler was given, per key. */
    failures: new Map<string, { message: string; functionId: unknown; event: unknown }>(),
    /** The run id each attempt of a step saw, per key (the step's idempotency key is built from it). */
    runIds: new Map<string, string[]>(),
  };
}
export type ExecutionEffects = ReturnType<typeof createExecutionEffects>;

type Data = { key: string; n?: number; mode?: "ok" | "fail" | "timeout"; ms?: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function push<T>(map: Map<string, T[]>, key: string, value: T): number {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
  return list.length;
}

/** Test functions for waits, cancellation, failure handlers, invocations, parallel steps and the windows. */
export function defineExecutionFunctions(client: Inngest, effects: ExecutionEffects): InngestFunction.Any[] {
  const started = (key: string) => push(effects.starts, key, Date.now());

  const approval = client.createFunction(
    { id: "approval", triggers: [{ event: "test/approval.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      const given = await step.waitForEvent("approved", {
        event: "test/approval.given",
        match: "data.key",
        timeout: "1h",
      });
      await step.run("after", () => started(`${key}:after`));
      return given?.data ?? null;
    },
  );

  /** Waits for an app event from the outbox (dispatched, not sent): a change in its own tenant. */
  const settingsWatch = client.createFunction(
    { id: "settings-watch", triggers: [{ event: "test/settings-watch.requested" }] },
    async ({ step }) => {
      const changed = await step.waitForEvent("changed", {
        event: "settings.changed",
        if: "async.data.tenantId == event.data.tenantId",
        timeout: "1h",
      });
      return changed?.id ?? null;
    },
  );

  const expiring = client.createFunction(
    { id: "expiring", triggers: [{ event: "test/expiring.requested" }] },
    async ({ step }) => {
      const given = await step.waitForEvent("approved", {
        event: "test/expiring.given",
        if: "event.data.key == async.data.key",
        timeout: "1s",
      });
      return { timedOut: given === null };
    },
  );

  const cancellable = client.createFunction(
    {
      id: "cancellable",
      cancelOn: [{ event: "test/cancellable.stopped", match: "data.key" }],
      triggers: [{ event: "test/cancellable.requested" }],
    },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      await step.run("before", () => started(`${key}:before`));
      await step.sleep("nap", "1h");
      await step.run("after", () => started(`${key}:after`));
    },
  );

  /** Cancelled only by a stop event within a second of its trigger. */
  const brieflyCancellable = client.createFunction(
    {
      id: "briefly-cancellable",
      cancelOn: [{ event: "test/briefly.stopped", match: "data.key", timeout: "1s" }],
      triggers: [{ event: "test/briefly.requested" }],
    },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      await step.run("before", () => started(`${key}:before`));
      await step.sleep("nap", "2s");
      await step.run("after", () => started(`${key}:after`));
    },
  );

  /** The failure handlers' one effect: what they were given, keyed by the failed run's event. */
  const recordFailure = (data: Record<string, unknown>, error: Error) => {
    const original = data.event as { data: Data };
    started(`${original.data.key}:alert`);
    effects.failures.set(original.data.key, {
      message: error.message,
      functionId: data.function_id,
      event: original,
    });
  };

  const fragile = client.createFunction(
    {
      id: "fragile",
      retries: 0,
      onFailure: ({ event, error, step }) => step.run("alert", () => recordFailure(event.data, error)),
      triggers: [{ event: "test/fragile.requested" }],
    },
    async ({ event }) => {
      throw new NonRetriableError(`broken ${(event.data as Data).key}`);
    },
  );

  const signalWaiter = client.createFunction(
    {
      id: "signal-waiter",
      onFailure: ({ event, error, step }) => step.run("alert", () => recordFailure(event.data, error)),
      triggers: [{ event: "test/signal.requested" }],
    },
    async ({ step }) => step.waitForSignal("go", { signal: "test/go", timeout: "1h", onConflict: "replace" }),
  );

  /** Never reached in its test: the harness answers its calls with 502. */
  const unreachable = client.createFunction(
    {
      id: "unreachable",
      retries: 1,
      onFailure: ({ event, error, step }) => step.run("alert", () => recordFailure(event.data, error)),
      triggers: [{ event: "test/unreachable.requested" }],
    },
    async ({ event }) => started(`${(event.data as Data).key}:called`),
  );

  const square = client.createFunction({ id: "square" }, async ({ event, step }) => {
    const { n = 0 } = event.data as Data;
    if (n < 0) throw new NonRetriableError(`cannot square ${n}`);
    return step.run("square", () => ({ square: n * n }));
  });

  const napper = client.createFunction({ id: "napper" }, async ({ step }) => {
    await step.sleep("nap", "1h");
  });

  const calculator = client.createFunction(
    { id: "calculator", triggers: [{ event: "test/calculate.requested" }] },
    async ({ event, step }) => {
      const { key, n, mode } = event.data as Data;
      try {
        if (mode === "timeout") {
          await step.invoke("nap", { function: napper, data: { key }, timeout: "1s" });
          return { answer: null };
        }
        return { answer: await step.invoke("square", { function: square, data: { key, n } }) };
      } catch (error) {
        return { caught: { name: (error as Error).name, message: (error as Error).message } };
      }
    },
  );

  const parallel = client.createFunction(
    { id: "parallel", triggers: [{ event: "test/parallel.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      await Promise.all(
        ["a", "b", "c"].map((id) =>
          step.run(id, async () => {
            const start = Date.now();
            await pause(400);
            push(effects.spans, key, { start, end: Date.now() });
          }),
        ),
      );
    },
  );

  const deadline = client.createFunction(
    { id: "deadline", timeouts: { finish: "1s" }, triggers: [{ event: "test/deadline.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      await step.run("before", () => started(`${key}:before`));
      await step.sleep("nap", "10s");
      await step.run("after", () => started(`${key}:after`));
    },
  );

  /** Three steps of `ms` each: the windows around a step in flight. */
  const slow = client.createFunction(
    { id: "slow", triggers: [{ event: "test/slow.requested" }] },
    async ({ event, step }) => {
      const { key, ms = 300 } = event.data as Data;
      for (const id of ["a", "b", "c"]) {
        await step.run(id, async () => {
          started(`${key}:${id}`);
          await pause(ms);
        });
      }
    },
  );

  const keyed = client.createFunction(
    { id: "keyed", retries: 2, triggers: [{ event: "test/keyed.requested" }] },
    async ({ event, step, runId }) =>
      step.run("charge", () => {
        const { key } = event.data as Data;
        // An effect keys on `${runId}:charge`: the same on every attempt of this step.
        if (push(effects.runIds, key, runId) === 1) throw new Error("the provider timed out");
        return `${runId}:charge`;
      }),
  );

  return [
    approval,
    settingsWatch,
    expiring,
    cancellable,
    brieflyCancellable,
    fragile,
    signalWaiter,
    unreachable,
    square,
    napper,
    calculator,
    parallel,
    deadline,
    slow,
    keyed,
  ];
}
