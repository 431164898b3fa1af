import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const exclude = ["node_modules/**", "e2e/**", ".next/**", ".data*/**"];

/**
 * Tests that measure wall-clock time with an upper bound (how long the event loop stalls, how far
 * apart two steady-time answers land, how fast the demo seeds): they run last, one file at a time,
 * with no other test file competing for the CPU, as they did when the whole suite ran on one worker.
 * A new test of that kind belongs here.
 */
const alone = [
  "server/assets/labels/render-label-sheet.test.ts",
  "server/assets/import/parse-csv.test.ts",
  "tests/integration/asset-import-availability.int.test.ts",
  "tests/integration/demo-seed.int.test.ts",
  "tests/integration/heavy-jobs.int.test.ts",
  "tests/integration/password-reset-email.int.test.ts",
  "tests/integration/sign-up-verification.int.test.ts",
];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${path.resolve(import.meta.dirname)}/` },
      // "server-only" throws outside React Server Components; tests import server modules directly.
      { find: /^server-only$/, replacement: path.resolve(import.meta.dirname, "tests/support/empty.ts") },
    ],
  },
  test: {
    setupFiles: ["tests/setup/env.ts"],
    globalSetup: ["tests/setup/global.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker less than the cores: a single worker on a 2-core CI machine,
    // which then sat half idle, the files waiting on PostgreSQL and the fake servers as much as
    // they compute. Measured there (2026-12-06): 608 s with one worker, 430 s with two.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // next-auth imports "next/server" without an extension, which only a bundler resolves: let Vite
    // load it (tests/integration/sessions.int.test.ts signs in through the real auth routes).
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      { extends: true, test: { name: "suite", include: ["**/*.test.ts"], exclude: [...exclude, ...alone] } },
      {
        extends: true,
        test: {
          name: "timing",
          include: alone,
          exclude,
          fileParallelism: false,
          maxWorkers: 1,
          // after every file of the suite (groups run from the lowest order up)
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
