import type { Inngest, InngestFunction } from "inngest";

/** What the flow-control test functions did, as the test (same process) observes it. */
export function createFlowEffects() {
  return {
    /** Start time of each run's work, by event data.key, in order. */
    started: new Map<string, number[]>(),
    /** Steps executing right now / at most, per probe group. */
    active: new Map<string, number>(),
    maxActive: new Map<string, number>(),
    /** Keys of the prioritized function's runs, in the order their work began. */
    order: [] as string[],
    /** Work of these keys waits until the test settles the promise. */
    holds: new Map<string, Promise<void>>(),
  };
}
export type FlowEffects = ReturnType<typeof createFlowEffects>;

type Data = { key: string; group?: string; vip?: boolean; holdMs?: number };

function markStarted(effects: FlowEffects, key: string): void {
  effects.started.set(key, [...(effects.started.get(key) ?? []), Date.now()]);
}

/** Counts a step as executing in each probe group while it holds for `ms`. */
async function holdIn(effects: FlowEffects, groups: readonly string[], ms: number): Promise<void> {
  for (const group of groups) {
    const active = (effects.active.get(group) ?? 0) + 1;
    effects.active.set(group, active);
    effects.maxActive.set(group, Math.max(active, effects.maxActive.get(group) ?? 0));
  }
  await new Promise((resolve) => setTimeout(resolve, ms));
  for (const group of groups) effects.active.set(group, (effects.active.get(group) ?? 1) - 1);
}

/**
 * Test functions for flow control, defined with the real SDK so the same definitions register
 * with Inngest unchanged (engine-flow.int.test.ts checks the registration payload too).
 */
export function defineFlowFunctions(client: Inngest, effects: FlowEffects): InngestFunction.Any[] {
  const pooled = (id: string, event: string, concurrency: object[]) =>
    client.createFunction({ id, concurrency, triggers: [{ event }] } as never, async ({ event: e, step }) => {
      const { key, group = "" } = e.data as Data;
      await step.run("hold", async () => {
        markStarted(effects, key);
        await holdIn(effects, [`${id}:${group}`, "shared-pool"], 250);
      });
    });

  const perGroup = pooled("pool-a", "test/pool-a.requested", [
    { limit: 1, key: "event.data.group" },
    { limit: 2, scope: "env", key: '"shared-pool"' },
  ]);
  const otherPool = pooled("pool-b", "test/pool-b.requested", [
    { limit: 2, scope: "env", key: '"shared-pool"' },
  ]);

  /** Two functions sharing one account-scoped limit per group: one run of either at a time. */
  const accountPooled = (id: string) =>
    client.createFunction(
      {
        id,
        concurrency: [{ limit: 1, scope: "account", key: "event.data.group" }],
        triggers: [{ event: `test/${id}.requested` }],
      },
      async ({ event: e, step }) => {
        const { key, group = "" } = e.data as Data;
        await step.run("hold", async () => {
          markStarted(effects, key);
          await holdIn(effects, [`account:${group}`], 250);
        });
      },
    );

  const throttled = client.createFunction(
    {
      id: "throttled",
      throttle: { limit: 1, period: "1s", burst: 1, key: "event.data.group" },
      triggers: [{ event: "test/throttled.requested" }],
    },
    async ({ event }) => markStarted(effects, (event.data as Data).key),
  );

  const rateLimited = client.createFunction(
    {
      id: "rate-limited-flow",
      rateLimit: { limit: 2, period: "1m", key: "event.data.group" },
      triggers: [{ event: "test/rate.requested" }],
    },
    async ({ event }) => markStarted(effects, (event.data as Data).key),
  );

  const idempotent = client.createFunction(
    {
      id: "idempotent",
      idempotency: "event.data.group",
      triggers: [{ event: "test/idempotent.requested" }],
    },
    async ({ event }) => markStarted(effects, (event.data as Data).key),
  );

  const debounced = client.createFunction(
    {
      id: "debounced",
      debounce: { period: "1s", key: "event.data.group", timeout: "3s" },
      triggers: [{ event: "test/debounced.requested" }],
    },
    async ({ event }) => {
      markStarted(effects, (event.data as Data).group ?? "");
      return (event.data as Data).key;
    },
  );

  const singleton = (mode: "skip" | "cancel") =>
    client.createFunction(
      {
        id: `singleton-${mode}`,
        singleton: { key: "event.data.group", mode },
        triggers: [{ event: `test/singleton-${mode}.requested` }],
      },
      async ({ event, step }) => {
        const { key } = event.data as Data;
        await step.run("start", () => markStarted(effects, key));
        await step.sleep("hold", "1s");
        await step.run("finish", () => markStarted(effects, `${key}:finished`));
        return key;
      },
    );

  const batched = client.createFunction(
    {
      id: "batched",
      batchEvents: { maxSize: 3, timeout: "1s", key: "event.data.group" },
      triggers: [{ event: "test/batched.requested" }],
    },
    async ({ events }) => events.map((item) => (item.data as Data).key),
  );

  const prioritized = client.createFunction(
    {
      id: "prioritized",
      concurrency: 1,
      priority: { run: "event.data.vip == true ? 600 : 0" },
      triggers: [{ event: "test/prioritized.requested" }],
    },
    async ({ event, step }) => {
      const { key, holdMs = 0 } = event.data as Data;
      await step.run("work", async () => {
        effects.order.push(key);
        await (effects.holds.get(key) ?? new Promise((resolve) => setTimeout(resolve, holdMs)));
        return key;
      });
      return key;
    },
  );

  const impatient = client.createFunction(
    {
      id: "impatient",
      concurrency: 1,
      timeouts: { start: "1s" },
      triggers: [{ event: "test/impatient.requested" }],
    },
    async ({ event, step }) => {
      const { key, holdMs = 0 } = event.data as Data;
      await step.run("work", async () => {
        markStarted(effects, key);
        await new Promise((resolve) => setTimeout(resolve, holdMs));
      });
    },
  );

  const conditional = client.createFunction(
    {
      id: "conditional",
      triggers: [{ event: "test/flow.*", if: "event.data.vip == true && event.data.key != ''" }],
    },
    async ({ event }) => {
      markStarted(effects, (event.data as Data).key);
      return event.name;
    },
  );

  return [
    perGroup,
    otherPool,
    accountPooled("account-a"),
    accountPooled("account-b"),
    throttled,
    rateLimited,
    idempotent,
    debounced,
    singleton("skip"),
    singleton("cancel"),
    batched,
    prioritized,
    impatient,
    conditional,
  ];
}
