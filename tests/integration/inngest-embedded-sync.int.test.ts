import { afterAll, beforeAll, expect, it, vi } from "vitest";

/** Without Inngest configured, PUT /api/inngest answers for the embedded engine instead of failing. */
const saved = { ...process.env };
beforeAll(() => {
  for (const key of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL", "INNGEST_DEV"]) {
    delete process.env[key];
  }
  process.env.AUTH_SECRET ??= "embedded-sync-test-secret-0123456789abcdef";
  vi.resetModules();
});
afterAll(() => {
  process.env = { ...saved };
  vi.resetModules();
});

it("PUT /api/inngest in embedded mode reports the served functions and registers nothing", async () => {
  const { automationMode } = await import("@/server/env");
  expect(automationMode()).toBe("embedded");
  const fetchSpy = vi.spyOn(globalThis, "fetch");
  const { PUT } = await import("@/app/api/inngest/route");
  const { functions } = await import("@/inngest/functions");
  const response = await PUT(
    new Request("http://app.test/api/inngest", { method: "PUT" }) as never,
    undefined as never,
  );
  expect(response.status).toBe(200);
  const body = (await response.json()) as { message: string; modified: boolean };
  expect(body.modified).toBe(false);
  expect(body.message).toContain(`${functions.length} functions`);
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});
