import path from "node:path";
import { Inngest } from "inngest";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { importClosure, stepToolsUsed } from "@/tests/support/step-tool-usage";
import { loadFunctions, sdkFunctionConfigs, UnsupportedFunctionsError } from "./functions";
import { unsupportedFeatures, unsupportedStepCalls } from "./supported";

/**
 * The embedded engine implements only what the app's functions use. These fail as soon as a
 * registered function needs more (an option, a trigger or a step kind), before it silently does
 * nothing in embedded mode: implement it in inngest/engine, or do without it.
 */
const serveUrl = "http://localhost:3000/api/inngest";
const registryFile = path.resolve(import.meta.dirname, "../functions/index.ts");
const repoRoot = path.resolve(import.meta.dirname, "../..");

/** Step tools (below `step.`) are found in the syntax; the other entries (defer, group) by their pattern. */
const stepTools = unsupportedStepCalls.flatMap(([name]) => (name.startsWith("step.") ? [name.slice(5)] : []));
const otherCalls = unsupportedStepCalls.filter(([name]) => !name.startsWith("step."));

const unsupportedCallsIn = (source: ts.SourceFile) => [
  ...stepToolsUsed(source, stepTools).map((tool) => `step.${tool}`),
  ...otherCalls.filter(([, pattern]) => pattern.test(source.text)).map(([name]) => name),
];
const stepCallsIn = (text: string) =>
  unsupportedCallsIn(ts.createSourceFile("probe.ts", text, ts.ScriptTarget.Latest, true));

describe("registered functions", () => {
  it("use only options and triggers the embedded engine supports", () => {
    const problems = sdkFunctionConfigs(functions, serveUrl).flatMap((config) =>
      unsupportedFeatures(config).map((problem) => `${config.id}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it("call only step tools the embedded engine supports, in their own code or any module they import", async () => {
    const files = await importClosure([registryFile]);
    expect(files.size).toBeGreaterThan(1);
    const problems = [...files].flatMap(([file, source]) =>
      unsupportedCallsIn(source).map((call) => `${path.relative(repoRoot, file)}: ${call}`),
    );
    expect(problems).toEqual([]);
  });
});

describe("the checks themselves", () => {
  const client = new Inngest({ id: "supported-check", isDev: true });

  it("flag options, triggers, periods and expressions the engine lacks", () => {
    const fn = client.createFunction(
      {
        id: "too-much",
        debounce: { period: "soon" as "1m" },
        cancelOn: [{ event: "app/cancelled", if: "event.data.id ==" }],
        // The SDK's types allow two limits; a config from plain JavaScript can carry three.
        concurrency: [
          { limit: 1, key: "event.data.a +" },
          { limit: 1, scope: "account" },
          { limit: 1, scope: "env", key: "event.data.b" },
        ] as never,
        batchEvents: { maxSize: 10, timeout: "5s", if: "event.data.bulk == true" },
        priority: { run: "event.data.vip ? 60 : 0" },
        triggers: [{ event: "app/started", if: "event.data.vip = true" }, { event: "app/*.done" }],
      },
      async () => undefined,
    );
    const problems = sdkFunctionConfigs([fn], serveUrl).flatMap(unsupportedFeatures);
    expect(problems).toEqual(
      expect.arrayContaining([
        'debounce period "soon" (a period such as "30s", "5m" or "1h30m")',
        expect.stringContaining('cancelOn "app/cancelled" if'),
        "3 concurrency limits (Inngest allows 2)",
        expect.stringContaining('concurrency key: Cannot read the expression "event.data.a +"'),
        'concurrency scope "account" without a key',
        'batchEvents if "event.data.bulk == true"',
        "batchEvents together with priority",
        expect.stringContaining('trigger "app/started" if'),
        expect.stringContaining('wildcard trigger "app/*.done"'),
      ]),
    );
  });

  it("accept what the engine implements", () => {
    const fn = client.createFunction(
      {
        id: "just-right",
        retries: 5,
        concurrency: [
          { limit: 2, key: "event.data.tenantId" },
          { limit: 10, scope: "account", key: '"provider-api"' },
        ],
        throttle: { limit: 10, period: "1m", burst: 2, key: "event.data.userId" },
        rateLimit: { limit: 1, period: "4h", key: "event.data.companyId" },
        idempotency: 'event.data.userId + "-" + event.data.cartId',
        debounce: { period: "5m", key: "event.data.employeeId", timeout: "30m" },
        singleton: { key: "event.data.integrationId", mode: "skip" },
        priority: { run: "event.data.plan == 'enterprise' ? 120 : 0" },
        timeouts: { start: "10m" },
        triggers: [
          { event: "asset.*", if: "event.data.status != 'retired'" },
          { cron: "TZ=Europe/Paris 0 6 * * *" },
        ],
      },
      async () => undefined,
    );
    const batched = client.createFunction(
      {
        id: "digest",
        batchEvents: { maxSize: 100, timeout: "60s", key: "event.data.userId" },
        triggers: [{ event: "notification.queued" }],
      },
      async () => undefined,
    );
    expect(sdkFunctionConfigs([fn, batched], serveUrl).flatMap(unsupportedFeatures)).toEqual([]);
  });

  it("keep the engine from starting with a function it cannot run, naming it and why", () => {
    const fn = client.createFunction(
      { id: "jittery", triggers: [{ cron: "0 * * * *", jitter: "5m" }] },
      async () => undefined,
    );
    expect(() => loadFunctions([fn], serveUrl)).toThrow(UnsupportedFunctionsError);
    expect(() => loadFunctions([fn], serveUrl)).toThrow(/supported-check-jittery \(cron jitter "5m"\)/);
  });

  it("find unsupported step tools in a function's source", () => {
    expect(stepCallsIn('await step.waitForSignal("approval", { signal: "x", timeout: "1d" });')).toEqual([
      "step.waitForSignal",
    ]);
    expect(stepCallsIn('await step.ai.infer("summary", { model, body });')).toEqual(["step.ai.infer"]);
    expect(
      stepCallsIn(
        'await step.run("a", fn); await step.sendEvent("b", e); await step.sleep("c", "1h");' +
          'await step.waitForEvent("d", { event: "x", timeout: "1d" }); await step.invoke("e", { function: f });',
      ),
    ).toEqual([]);
  });

  it("find step tools used through a helper, an alias or destructuring, not only as step.x(...)", () => {
    expect(stepCallsIn("export const ping = (ctx) => ctx.step.fetch(url);")).toEqual(["step.fetch"]);
    expect(stepCallsIn('const tools = step; await tools["waitForSignal"]("s", opts);')).toEqual([
      "step.waitForSignal",
    ]);
    expect(stepCallsIn("async ({ step: { fetch } }) => fetch(url)")).toEqual(["step.fetch"]);
    expect(stepCallsIn("const { ai, run } = step; await ai.infer(x);")).toEqual(["step.ai.infer"]);
    expect(stepCallsIn("const response = await fetch(url); const { ai } = sdk;")).toEqual([]);
  });
});
