import { describe, expect, it } from "vitest";
import { assertCanComplete, assertCanDecide, workflowStatusOf } from "./lifecycle";

describe("workflowStatusOf", () => {
  it.each([
    [["pending", "pending"], "pending"],
    [["completed", "pending"], "in_progress"],
    [["skipped", "approved", "completed"], "completed"],
    [["completed", "rejected", "pending"], "blocked"],
    [["approved", "rejected"], "blocked"],
  ] as const)("%j -> %s", (steps, status) => {
    expect(workflowStatusOf(steps)).toBe(status);
  });
});

describe("step transitions", () => {
  const step = {
    title: "Confirm",
    status: "pending",
    needsApproval: null,
    workflowStatus: "in_progress",
  } as const;

  it("an approval is approved or rejected, not completed; a plain step the other way round", () => {
    expect(() => assertCanComplete({ ...step, needsApproval: "admin" })).toThrow(
      /approve or reject it instead/,
    );
    expect(() => assertCanDecide(step, "approved")).toThrow(/needs no approval: complete it instead/);
  });

  it("a rejected approval can be approved after all, not rejected twice", () => {
    const rejected = { ...step, needsApproval: "admin", status: "rejected" } as const;
    expect(() => assertCanDecide(rejected, "approved")).not.toThrow();
    expect(() => assertCanDecide(rejected, "rejected")).toThrow(/already rejected/);
  });

  it("nothing changes in a cancelled or completed workflow", () => {
    expect(() => assertCanComplete({ ...step, workflowStatus: "cancelled" })).toThrow(/cancelled/);
    expect(() => assertCanComplete({ ...step, workflowStatus: "completed" })).toThrow(/completed/);
  });
});
