import { describe, expect, it } from "vitest";
import { listItemsProblem, listTextLimit } from "./list-text-limit";

describe("listTextLimit", () => {
  it("fits the longest list the server accepts, separators included", () => {
    expect(listTextLimit({ items: 3, itemMax: 10, separator: ", " })).toBe(34);
    expect(listTextLimit({ items: 100, itemMax: 120, separator: "\n" })).toBe(12_099);
  });
});

describe("listItemsProblem", () => {
  const rule = { items: 2, itemMax: 5, noun: "option" };

  it("accepts a list within both limits", () => {
    expect(listItemsProblem(["red", "green"], rule)).toBeUndefined();
  });

  it("names the count when there are too many items", () => {
    expect(listItemsProblem(["a", "b", "c"], rule)).toBe("Use at most 2 options (this has 3)");
  });

  it("names the first item that is too long, by its place in the list", () => {
    expect(listItemsProblem(["red", "yellow"], rule)).toBe("Option 2 can be at most 5 characters (it has 6)");
  });
});
