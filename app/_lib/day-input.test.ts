import { describe, expect, it } from "vitest";
import { dayFieldProblem } from "./day-input";

describe("a date field's messages", () => {
  it("speaks in the field's own format, not ISO", () => {
    expect(dayFieldProblem({ badInput: true, value: "" }, "en-US")).toBe(
      "Enter a date that exists, like 01/31/2026",
    );
    expect(dayFieldProblem({ badInput: true, value: "" }, "en-GB")).toBe(
      "Enter a date that exists, like 31/01/2026",
    );
  });

  it("refuses a year the database cannot keep, in the same format", () => {
    expect(dayFieldProblem({ badInput: false, value: "1850-03-01" }, "en-US")).toBe(
      "Use a date between 01/01/1900 and 12/31/9998",
    );
  });

  it("says nothing about a real date or a blank field", () => {
    expect(dayFieldProblem({ badInput: false, value: "2026-02-28" }, "en-US")).toBeNull();
    expect(dayFieldProblem({ badInput: false, value: "" }, "en-US")).toBeNull();
  });
});
