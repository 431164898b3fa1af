import { describe, expect, it } from "vitest";
import { humanizeEventName } from "@/app/_lib/format";
import { runHeadline, runReason } from "./run-format";

const importRun = {
  triggerEventName: "asset_import.confirmed",
  trigger: { subject: { label: "Import of assets.csv" }, actorLabel: "Dana Admin <dana@x.test>" },
};

describe("a run in an admin's words", () => {
  it("says what failed, on what, and why, before any function id", () => {
    const run = { ...importRun, status: "failed" as const, error: { message: "Row 3 has no name" } };
    expect(runHeadline(run, humanizeEventName)).toBe("Import of assets.csv failed: Row 3 has no name");
    expect(runReason(run, humanizeEventName)).toBe(
      `because ${humanizeEventName("asset_import.confirmed")} by Dana Admin <dana@x.test>`,
    );
  });

  it("names the trigger event when its record is unknown, and says how far a run got", () => {
    const run = {
      triggerEventName: "tenant.created",
      trigger: null,
      status: "running" as const,
      error: null,
    };
    expect(runHeadline(run, humanizeEventName)).toBe(`${humanizeEventName("tenant.created")} in progress`);
    expect(runReason(run, humanizeEventName)).toBe(`because ${humanizeEventName("tenant.created")}`);
    expect(runHeadline({ ...importRun, status: "completed", error: null }, humanizeEventName)).toBe(
      "Import of assets.csv done",
    );
  });
});
