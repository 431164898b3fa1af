import { expect, it } from "vitest";
import { measure, recordOperation, renderPrometheus } from "./telemetry";

it("exports operation durations and counts by kind, name and outcome in Prometheus format", async () => {
  recordOperation("procedure", "accounts.invite", "ok", 0.012);
  await expect(
    measure("function", "provision-tenant-defaults", async () => {
      throw Object.assign(new Error("nope"), { code: "CONFLICT" });
    }),
  ).rejects.toThrow("nope");
  const text = await renderPrometheus();
  expect(text).toMatch(
    /assetronics_operations_total\{kind="procedure",name="accounts.invite",outcome="ok"\} 1/,
  );
  expect(text).toMatch(
    /assetronics_operations_total\{kind="function",name="provision-tenant-defaults",outcome="CONFLICT"\} 1/,
  );
  expect(text).toMatch(
    /assetronics_operation_duration_seconds_bucket\{kind="procedure",name="accounts.invite",outcome="ok",le="0.025"\} 1/,
  );
});
