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
