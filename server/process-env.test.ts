import { spawnSync } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { snapshotProcessEnv } from "./process-env";

const original = process.env;
afterAll(() => {
  process.env = original;
});

it("keeps every variable, and what is set later still reaches child processes", () => {
  const before = { ...process.env };
  snapshotProcessEnv();
  expect(process.env).not.toBe(original);
  expect({ ...process.env }).toEqual(before);
  process.env.ASSETRONICS_SNAPSHOT_TEST = "set after the snapshot";
  const child = spawnSync(process.execPath, [
    "-e",
    "process.stdout.write(process.env.ASSETRONICS_SNAPSHOT_TEST ?? '')",
  ]);
  expect(child.stdout.toString()).toBe("set after the snapshot");
  delete process.env.ASSETRONICS_SNAPSHOT_TEST;
});
