import { afterEach, expect, it, vi } from "vitest";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

async function loadEnv(overrides: Record<string, string | undefined>) {
  process.env = { ...original, ...overrides };
  vi.resetModules();
  vi.spyOn(console, "error").mockImplementation(() => {});
  return import("./env");
}

it("applies embedded defaults when optional variables are unset", async () => {
  const { env } = await loadEnv({ DATABASE_URL: undefined, DATA_DIR: undefined, SEED_DEMO: undefined });
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env.DATA_DIR).toBe("./.data");
  expect(env.SEED_DEMO).toBeUndefined();
});

it("stops with a message naming the variable and what is expected", async () => {
  await expect(loadEnv({ DATABASE_URL: "mysql://nope" })).rejects.toThrow(
    /DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/,
  );
  await expect(loadEnv({ AUTH_SECRET: "short" })).rejects.toThrow(
    /AUTH_SECRET: must be at least 32 characters/,
  );
  await expect(loadEnv({ SEED_DEMO: "yes" })).rejects.toThrow(/SEED_DEMO: must be "true" or "false"/);
});

it("stops when only one Inngest key is set, naming the missing one, instead of running embedded", async () => {
  const signingKey = "signkey-prod-0123456789abcdef";
  await expect(
    loadEnv({ INNGEST_EVENT_KEY: "event-key", INNGEST_SIGNING_KEY: undefined, INNGEST_DEV: undefined }),
  ).rejects.toThrow(/INNGEST_SIGNING_KEY: is required when INNGEST_EVENT_KEY is set/);
  await expect(
    loadEnv({ INNGEST_EVENT_KEY: undefined, INNGEST_SIGNING_KEY: signingKey, INNGEST_DEV: undefined }),
  ).rejects.toThrow(/INNGEST_EVENT_KEY: is required when INNGEST_SIGNING_KEY is set/);

  const both = await loadEnv({ INNGEST_EVENT_KEY: "event-key", INNGEST_SIGNING_KEY: signingKey });
  expect(both.automationMode()).toBe("inngest");
  const neither = await loadEnv({
    INNGEST_EVENT_KEY: undefined,
    INNGEST_SIGNING_KEY: undefined,
    INNGEST_DEV: undefined,
  });
  expect(neither.automationMode()).toBe("embedded");
  // The dev server needs no keys, so one alone is not a half-set configuration there.
  const dev = await loadEnv({
    INNGEST_EVENT_KEY: "event-key",
    INNGEST_SIGNING_KEY: undefined,
    INNGEST_DEV: "1",
  });
  expect(dev.automationMode()).toBe("inngest");
});

it("takes ENGINE_SERVE_URL only as the URL of the serve endpoint", async () => {
  await expect(loadEnv({ ENGINE_SERVE_URL: "http://10.0.0.5:3000/" })).rejects.toThrow(
    /ENGINE_SERVE_URL: must end in \/api\/inngest/,
  );
  const { env } = await loadEnv({ ENGINE_SERVE_URL: "http://10.0.0.5:3000/api/inngest" });
  expect(env.ENGINE_SERVE_URL).toBe("http://10.0.0.5:3000/api/inngest");
});
