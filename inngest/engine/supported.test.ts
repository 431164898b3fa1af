import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { sdkFunctionConfigs } from "./functions";
import { unsupportedFeatures, unsupportedStepCalls } from "./supported";

/**
 * The embedded engine implements only what the app's functions use. These fail as soon as a
 * registered function needs more (an option, a trigger or a step kind), before it silently does
 * nothing in embedded mode: implement it in inngest/engine, or do without it.
 */
const serveUrl = "http://localhost:3000/api/inngest";
const functionsDir = path.resolve(import.meta.dirname, "../functions");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(full);
      return Promise.resolve(/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : []);
    }),
  );
  return nested.flat();
}

const stepCallsIn = (source: string) =>
  unsupportedStepCalls.filter(([, pattern]) => pattern.test(source)).map(([name]) => name);

describe("registered functions", () => {
  it("use only options and triggers the embedded engine supports", () => {
    const problems = sdkFunctionConfigs(functions, serveUrl).flatMap((config) =>
      unsupportedFeatures(config).map((problem) => `${config.id}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it("call only step tools the embedded engine supports", async () => {
    const problems: string[] = [];
    for (const file of await sourceFiles(functionsDir)) {
      const calls = stepCallsIn(await readFile(file, "utf8"));
      problems.push(...calls.map((call) => `${path.relative(functionsDir, file)}: ${call}`));
    }
    expect(problems).toEqual([]);
  });
});

describe("the checks themselves", () => {
  const client = new Inngest({ id: "supported-check", isDev: true });

  it("flag options, triggers and concurrency keys the engine lacks", () => {
    const fn = client.createFunction(
      {
        id: "too-much",
        debounce: { period: "1m" },
        cancelOn: [{ event: "app/cancelled" }],
        concurrency: { limit: 1, key: "event.data.a + event.data.b" },
        onFailure: async () => undefined,
        triggers: [{ event: "app/started", if: "event.data.vip == true" }, { event: "app/*" }],
      },
      async () => undefined,
    );
    const problems = sdkFunctionConfigs([fn], serveUrl).flatMap(unsupportedFeatures);
    expect(problems).toEqual(
      expect.arrayContaining([
        'option "debounce"',
        'option "cancel"',
        expect.stringContaining("concurrency key"),
        expect.stringContaining("trigger expression"),
        expect.stringContaining("wildcard trigger"),
        expect.stringContaining("internal event trigger"),
      ]),
    );
  });

  it("accept what the engine implements", () => {
    const fn = client.createFunction(
      {
        id: "just-right",
        retries: 5,
        concurrency: { limit: 2, key: "event.data.tenantId" },
        triggers: [{ event: "asset.assigned" }, { cron: "TZ=Europe/Paris 0 6 * * *" }],
      },
      async () => undefined,
    );
    expect(sdkFunctionConfigs([fn], serveUrl).flatMap(unsupportedFeatures)).toEqual([]);
  });

  it("find unsupported step tools in a function's source", () => {
    expect(stepCallsIn('await step.waitForEvent("approval", { event: "x", timeout: "1d" });')).toEqual([
      "step.waitForEvent",
    ]);
    expect(stepCallsIn('await step.invoke("child", { function: other });')).toEqual(["step.invoke"]);
    expect(
      stepCallsIn('await step.run("a", fn); await step.sendEvent("b", e); await step.sleep("c", "1h");'),
    ).toEqual([]);
  });
});
