import type { Inngest, InngestFunction } from "inngest";
import { NonRetriableError, RetryAfterError } from "inngest";
import { type Db, withTenant } from "@/server/db";

/** What the test functions did, as the test observes it (same process as the HTTP server). */
export function createEffects() {
  return {
    /** Times each keyed side effect ran, in order. */
    times: new Map<string, number[]>(),
    /** Keys whose validation step should now pass (NonRetriableError otherwise). */
    allow: new Set<string>(),
    /** For the RetryAfterError test: the instant the function asked to be retried at. */
    retryAt: new Map<string, number>(),
    /** Concurrency probe: runs holding their step right now / at most, per group. */
    active: new Map<string, number>(),
    maxActive: new Map<string, number>(),
  };
}
export type Effects = ReturnType<typeof createEffects>;

export function record(effects: Effects, key: string): number {
  const times = effects.times.get(key) ?? [];
  times.push(Date.now());
  effects.times.set(key, times);
  return times.length;
}
export const countOf = (effects: Effects, key: string) => effects.times.get(key)?.length ?? 0;

type Data = { key: string; tenantId?: string; group?: string };

/** Test functions, one per behaviour of the engine under test. */
export function defineTestFunctions(client: Inngest, db: Db, effects: Effects): InngestFunction.Any[] {
  const recordSetting = client.createFunction(
    { id: "record-setting", triggers: [{ event: "settings.changed" }] },
    async ({ event, step }) => {
      record(effects, `${event.id}:call`);
      const department = await step.run("create-department", async () => {
        record(effects, `${event.id}:create-department`);
        const tenantId = event.data.tenantId as string;
        return withTenant(db, tenantId, (trx) =>
          trx
            .insertInto("departments")
            .values({
              tenant_id: tenantId,
              name: `Automated ${event.data.seq}`,
              normalized_name: `automated-${event.id}`,
            })
            .returning(["id", "name"])
            .executeTakeFirstOrThrow(),
        );
      });
      await step.run("confirm", () => record(effects, `${event.id}:confirm`));
      return department;
    },
  );

  const flaky = client.createFunction(
    { id: "flaky", retries: 3, triggers: [{ event: "test/flaky.requested" }] },
    async ({ event, step }) =>
      step.run("unstable", () => {
        const attempt = record(effects, (event.data as Data).key);
        if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
        return attempt;
      }),
  );

  const refuse = client.createFunction(
    { id: "refuse", retries: 5, triggers: [{ event: "test/refuse.requested" }] },
    async ({ event, step }) =>
      step.run("validate", () => {
        const { key } = event.data as Data;
        record(effects, key);
        if (!effects.allow.has(key)) throw new NonRetriableError(`bad input ${key}`);
        return "valid";
      }),
  );

  const rateLimited = client.createFunction(
    { id: "rate-limited", retries: 3, triggers: [{ event: "test/rate-limited.requested" }] },
    async ({ event, step }) =>
      step.run("call-api", () => {
        const { key } = event.data as Data;
        if (record(effects, key) === 1) {
          const at = Date.now() + 700;
          effects.retryAt.set(key, at);
          throw new RetryAfterError("rate limited", new Date(at));
        }
        return "done";
      }),
  );

  const sleeper = client.createFunction(
    { id: "sleeper", triggers: [{ event: "test/sleep.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      await step.run("before", () => record(effects, `${key}:before`));
      await step.sleep("nap", "1s");
      await step.run("after", () => record(effects, `${key}:after`));
    },
  );

  const sender = client.createFunction(
    { id: "sender", triggers: [{ event: "test/send.requested" }] },
    async ({ event, step }) =>
      step.sendEvent("follow-up", {
        name: "test/follow-up.requested",
        data: { key: (event.data as Data).key },
      }),
  );

  const receiver = client.createFunction(
    { id: "receiver", triggers: [{ event: "test/follow-up.requested" }] },
    async ({ event, step }) => step.run("receive", () => record(effects, (event.data as Data).key)),
  );

  const resumable = client.createFunction(
    { id: "resumable", triggers: [{ event: "test/resume.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      const first = await step.run("already-done", () => {
        record(effects, `${key}:already-done`);
        return "ran again";
      });
      await step.run("finish", () => record(effects, `${key}:finish`));
      return first;
    },
  );

  /** Holds for `ms` while counted as running in its group (the most at once kept), then records its key. */
  const holdAndCount = async ({ group = "", key }: Data, ms: number) => {
    const active = (effects.active.get(group) ?? 0) + 1;
    effects.active.set(group, active);
    effects.maxActive.set(group, Math.max(active, effects.maxActive.get(group) ?? 0));
    await new Promise((resolve) => setTimeout(resolve, ms));
    effects.active.set(group, (effects.active.get(group) ?? 1) - 1);
    record(effects, key);
  };

  const limited = client.createFunction(
    {
      id: "limited",
      concurrency: { limit: 1, key: "event.data.group" },
      triggers: [{ event: "test/limited.requested" }],
    },
    async ({ event, step }) => step.run("hold", () => holdAndCount(event.data as Data, 150)),
  );

  // No concurrency limit of its own: how many run at once is the engine's cap (whileBusy).
  const held = client.createFunction(
    { id: "held", triggers: [{ event: "test/held.requested" }] },
    async ({ event, step }) => step.run("hold", () => holdAndCount(event.data as Data, 100)),
  );

  // Steps that build on earlier results, one of them failed for good and caught: what each later
  // call replays (kept by the engine from the calls of its claim) must be what the database holds.
  const relay = client.createFunction(
    { id: "relay", retries: 0, triggers: [{ event: "test/relay.requested" }] },
    async ({ event, step }) => {
      const { key } = event.data as Data;
      const first = await step.run("first", () => {
        record(effects, `${key}:first`);
        return { nested: { n: 1.5, list: [1, "two", null, true] }, empty: null, text: "é ✓" };
      });
      let failed: string | null = null;
      try {
        await step.run("fails", () => {
          record(effects, `${key}:fails`);
          throw new NonRetriableError(`step of ${key} fails for good`);
        });
      } catch (error) {
        failed = (error as Error).message;
      }
      const second = await step.run("second", () => {
        record(effects, `${key}:second`);
        return { first, failed };
      });
      await step.run("third", () => record(effects, `${key}:third`));
      return second;
    },
  );

  const ticker = client.createFunction(
    { id: "ticker", triggers: [{ cron: "* * * * * *" }] },
    async ({ step }) => step.run("tick", () => record(effects, "tick")),
  );

  const once = client.createFunction(
    { id: "once", triggers: [{ event: "test/once.requested" }] },
    async ({ event }) => record(effects, (event.data as Data).key),
  );

  const waiter = client.createFunction(
    { id: "waiter", triggers: [{ event: "test/wait.requested" }] },
    async ({ step }) =>
      step.waitForSignal("approval", { signal: "test/approved", timeout: "1h", onConflict: "replace" }),
  );

  return [
    recordSetting,
    flaky,
    refuse,
    rateLimited,
    sleeper,
    sender,
    receiver,
    resumable,
    limited,
    held,
    ticker,
    once,
    waiter,
    relay,
  ];
}
