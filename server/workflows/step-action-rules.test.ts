import { describe, expect, it } from "vitest";
import { stepActionProblem } from "./step-action-rules";

describe("stepActionProblem", () => {
  it.each([
    [{ action: "revoke_license", perHeldLicense: true }, null],
    [{ action: "revoke_licenses" }, null],
    [{ action: "return_asset", perHeldAsset: true }, null],
    [{ perHeldLicense: true }, null],
    [
      { action: "revoke_license" },
      "Revoking the step's licence needs the step repeated per licence the employee holds",
    ],
    [
      { action: "revoke_license", perHeldAsset: true },
      "Revoking the step's licence needs the step repeated per licence the employee holds",
    ],
    [
      { action: "return_asset", perHeldLicense: true },
      "A step per licence has no asset to act on; choose a licence action or none",
    ],
    [{ perHeldAsset: true, perHeldLicense: true }, "Repeat the step per asset or per licence, not both"],
  ] as const)("%o -> %s", (step, problem) => {
    expect(stepActionProblem(step)).toBe(problem);
  });
});
