import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type FakeEventApi, startFakeEventApi } from "../fakes/inngest/event-api";

/**
 * With Inngest configured (keys + base URL), the app's serve route registers every function of
 * the registry, with its triggers, at the configured Inngest server.
 */
let api: FakeEventApi;
const saved = { ...process.env };

beforeAll(async () => {
  api = await startFakeEventApi("cloud-event-key");
  Object.assign(process.env, {
    INNGEST_EVENT_KEY: "cloud-event-key",
    INNGEST_SIGNING_KEY: "signkey-test-0123456789abcdef0123456789abcdef",
    INNGEST_BASE_URL: api.url,
  });
  vi.resetModules();
});
afterAll(async () => {
  process.env = { ...saved };
  vi.resetModules();
  await api.close();
});

it("PUT /api/inngest registers every function with its triggers", async () => {
  const { automationMode } = await import("@/server/env");
  expect(automationMode()).toBe("inngest");
  const { PUT } = await import("@/app/api/inngest/route");
  const { functions } = await import("@/inngest/functions");

  const response = await PUT(
    new Request("http://app.test/api/inngest", { method: "PUT" }) as never,
    undefined as never,
  );
  expect(response.status).toBe(200);
  expect(api.registrations).toHaveLength(1);
  const registration = api.registrations[0];
  expect(registration?.url).toMatch(/^http:\/\/app\.test\/api\/inngest/);

  const registered = new Map(registration?.functions.map((fn) => [fn.id, fn.triggers]));
  expect(functions.length).toBeGreaterThan(0);
  for (const fn of functions) {
    const config = fn.opts as { id: string; triggers?: unknown[] };
    const triggers = registered.get(`assetronics-${config.id}`);
    expect(triggers, config.id).toEqual(config.triggers);
  }
});
