import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
const hrisPort = Number(process.env.E2E_HRIS_PORT ?? 3199);
/** Where the fake HRIS providers listen (tests/fakes/hris/serve.ts); integrations point their base URL here. */
export const fakeHrisURL = `http://127.0.0.1:${hrisPort}`;

/**
 * End-to-end tests against a production build (`next build` first, then `next start` here) in
 * Debian's Chromium. The server gets its own fresh database and the demo seed.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  // One retry absorbs a shared machine's stall; Playwright still lists the spec as flaky, so it is seen.
  retries: 1,
  forbidOnly: true,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: `node scripts/e2e-server.mjs ${port}`,
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The fake HRIS providers (BambooHR, Rippling, Okta) the integrations specs sync from.
      command: `npx tsx tests/fakes/hris/serve.ts --port ${hrisPort}`,
      url: `${fakeHrisURL}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
