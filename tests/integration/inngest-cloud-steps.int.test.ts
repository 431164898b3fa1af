import { type FailureEventArgs, NonRetriableError } from "inngest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hashSigningKey } from "../fakes/inngest/fake-inngest";
import { type CloudHarness, SIGNING_KEY, startCloudHarness } from "./inngest-cloud-harness";

/**
 * The Inngest features our functions lean on, played by the fake as Inngest plays them, through a
 * real serve handler: step.waitForEvent (match, if, timeout), step.invoke, step.sendEvent,
 * trigger `if` expressions, onFailure (its own `-failure` function, started by
 * inngest/function.failed), and a loud refusal of any op the fake does not play.
 */
let cloud: CloudHarness;
const failures: Array<{ functionId: unknown; message: string; original: unknown }> = [];

beforeAll(async () => {
  cloud = await startCloudHarness((client) => {
    const doubler = client.createFunction(
      { id: "double", triggers: [{ event: "test/double" }] },
      async ({ event }) => {
        const n = Number(event.data.n);
        if (n % 2 !== 0) throw new NonRetriableError("odd numbers only");
        return { doubled: n * 2 };
      },
    );
    return [
      doubler,
      client.createFunction(
        { id: "awaits-approval", triggers: [{ event: "test/approval.requested" }] },
        async ({ step }) => {
          const approval = await step.waitForEvent("approved", {
            event: "test/approval.given",
            match: "data.requestId",
            timeout: "1h",
          });
          return { approvedBy: approval ? approval.data.by : null };
        },
      ),
      client.createFunction(
        { id: "awaits-escalation", triggers: [{ event: "test/ticket.opened" }] },
        async ({ step }) => {
          const escalation = await step.waitForEvent("escalated", {
            event: "test/ticket.updated",
            if: "async.data.ticketId == event.data.ticketId && async.data.level == 'high'",
            timeout: "30m",
          });
          return { escalated: escalation !== null };
        },
      ),
      client.createFunction(
        { id: "invokes", triggers: [{ event: "test/invoke.requested" }] },
        async ({ event, step }) => {
          try {
            return await step.invoke("double-it", { function: doubler, data: { n: event.data.n } });
          } catch (error) {
            return { refused: (error as Error).message };
          }
        },
      ),
      client.createFunction(
        { id: "announces", triggers: [{ event: "test/announce" }] },
        async ({ event, step }) => {
          await step.sendEvent("announce-it", { name: "test/announced", data: { loud: event.data.loud } });
          return null;
        },
      ),
      client.createFunction(
        { id: "hears-loud", triggers: [{ event: "test/announced", if: "event.data.loud == true" }] },
        async () => "heard",
      ),
      client.createFunction(
        {
          id: "doomed",
          retries: 1,
          triggers: [{ event: "test/doomed" }],
          onFailure: async ({ event, error }: FailureEventArgs) => {
            failures.push({
              functionId: event.data.function_id,
              message: error.message,
              original: event.data.event,
            });
          },
        },
        async () => {
          throw new Error("always fails");
        },
      ),
      client.createFunction(
        { id: "also-doomed", retries: 0, triggers: [{ event: "test/doomed" }] },
        async () => {
          throw new Error("fails too, with no failure handler");
        },
      ),
      client.createFunction(
        { id: "awaits-signal", triggers: [{ event: "test/signal.awaited" }] },
        async ({ step }) => step.waitForSignal("signal", { signal: "go", timeout: "1h" }),
      ),
    ];
  });
});
afterAll(() => cloud?.close());

async function send(events: Array<{ name: string; data: Record<string, unknown> }>) {
  const { inngest } = await import("@/inngest/client");
  await inngest.send(events as never);
  await cloud.fake.settled();
}

const outputsOf = (functionId: string) =>
  cloud
    .runsOf(`cloud-test-${functionId}`)
    .map((run) => ({ event: run.event.data, status: run.status, output: run.output }));

it("step.waitForEvent resumes with the event its match names, received after the wait began, or null at its timeout", async () => {
  await send([{ name: "test/approval.given", data: { requestId: "r3", by: "too early" } }]);
  await send([
    { name: "test/approval.requested", data: { requestId: "r1" } },
    { name: "test/approval.requested", data: { requestId: "r2" } },
    { name: "test/approval.requested", data: { requestId: "r3" } },
  ]);
  expect(cloud.fake.parked().filter((step) => step.op === "WaitForEvent")).toHaveLength(3);
  expect(outputsOf("awaits-approval")).toEqual([]);

  await send([{ name: "test/approval.given", data: { requestId: "r1", by: "ann" } }]);
  expect(outputsOf("awaits-approval")).toEqual([
    { event: { requestId: "r1" }, status: "completed", output: { approvedBy: "ann" } },
  ]);

  cloud.fake.advanceClock(60 * 60 * 1000);
  await cloud.fake.settled();
  // the two timeouts fire at the same moment, in either order
  const byRequest = outputsOf("awaits-approval")
    .map((run) => [run.event.requestId, run.output])
    .sort(([a], [b]) => String(a).localeCompare(String(b)));
  expect(byRequest).toEqual([
    ["r1", { approvedBy: "ann" }],
    ["r2", { approvedBy: null }],
    ["r3", { approvedBy: null }],
  ]);
  expect(cloud.fake.parked()).toEqual([]);
});

it("step.waitForEvent's `if` reads `event` (the run's trigger) and `async` (the candidate)", async () => {
  await send([{ name: "test/ticket.opened", data: { ticketId: "t1" } }]);
  await send([
    { name: "test/ticket.updated", data: { ticketId: "t1", level: "low" } },
    { name: "test/ticket.updated", data: { ticketId: "t2", level: "high" } },
  ]);
  expect(outputsOf("awaits-escalation")).toEqual([]);

  await send([{ name: "test/ticket.updated", data: { ticketId: "t1", level: "high" } }]);
  expect(outputsOf("awaits-escalation")).toEqual([
    { event: { ticketId: "t1" }, status: "completed", output: { escalated: true } },
  ]);
});

it("step.invoke runs the function with inngest/function.invoked and hands back its result or its error", async () => {
  await send([
    { name: "test/invoke.requested", data: { n: 20 } },
    { name: "test/invoke.requested", data: { n: 3 } },
  ]);
  const outputs = outputsOf("invokes").map((run) => [run.event.n, run.output]);
  expect(outputs).toContainEqual([20, { doubled: 40 }]);
  expect(outputs).toContainEqual([3, { refused: expect.stringContaining("odd numbers only") }]);

  const invoked = cloud.runsOf("cloud-test-double");
  expect(invoked.map((run) => run.event.name)).toEqual([
    "inngest/function.invoked",
    "inngest/function.invoked",
  ]);
  expect(invoked[0]?.event.data).toMatchObject({ _inngest: { source_fn_id: "cloud-test-invokes" } });
});

it("step.sendEvent goes through the event API, and a trigger's `if` picks the events that start a run", async () => {
  await send([
    { name: "test/announce", data: { loud: true } },
    { name: "test/announce", data: { loud: false } },
  ]);
  const announced = [...cloud.fake.accepted.values()].filter((event) => event.name === "test/announced");
  expect(announced.map((event) => event.data.loud).sort()).toEqual([false, true]);
  expect(outputsOf("hears-loud")).toEqual([{ event: { loud: true }, status: "completed", output: "heard" }]);
});

it("registration is refused for a trigger `if` CEL cannot read", async () => {
  const response = await fetch(new URL("fn/register", cloud.fake.url), {
    method: "POST",
    headers: { authorization: `Bearer ${hashSigningKey(SIGNING_KEY)}` },
    body: JSON.stringify({
      url: `${cloud.url}/test/inngest`,
      appName: "broken",
      functions: [
        { id: "broken-fn", triggers: [{ event: "test/x", expression: "event.data ==" }], steps: {} },
      ],
    }),
  });
  expect(response.status).toBe(400);
  expect(cloud.fake.registrations.some((registration) => registration.appName === "broken")).toBe(false);
});

it("after the last attempt, inngest/function.failed runs that function's onFailure, and only that function's", async () => {
  await send([{ name: "test/doomed", data: { n: 1 } }]);

  // Two attempts (retries: 1); the SDK answers the last one 400 with x-inngest-no-retry.
  expect(cloud.runsOf("cloud-test-doomed").map((run) => run.calls.map((call) => call.attempt))).toEqual([
    [0, 1],
  ]);
  expect(cloud.runsOf("cloud-test-also-doomed")[0]?.status).toBe("failed");
  const [handler] = cloud.runsOf("cloud-test-doomed-failure");
  expect(handler?.event).toMatchObject({
    name: "inngest/function.failed",
    data: { function_id: "cloud-test-doomed", run_id: cloud.runsOf("cloud-test-doomed")[0]?.id },
  });
  expect(handler?.status).toBe("completed");
  expect(cloud.runsOf("cloud-test-doomed-failure")).toHaveLength(1);
  expect(failures).toEqual([
    {
      functionId: "cloud-test-doomed",
      message: "always fails",
      original: expect.objectContaining({ name: "test/doomed", data: { n: 1 } }),
    },
  ]);
});

it("an op the fake does not play fails loudly, naming it, and sends no failure event", async () => {
  const { inngest } = await import("@/inngest/client");
  await inngest.send({ name: "test/signal.awaited", data: {} });
  await expect(cloud.fake.settled()).rejects.toThrow(/does not play WaitForSignal \(step "signal"\)/);
  expect(cloud.runsOf("cloud-test-awaits-signal")[0]?.status).toBe("failed");
  await expect(cloud.fake.settled()).resolves.toBeUndefined();
});
