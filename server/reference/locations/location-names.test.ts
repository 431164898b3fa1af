import { describe, expect, it } from "vitest";
import { locationLookupKeys, locationNameKey, locationValueKey } from "./location-names";

describe("location names", () => {
  it("match as other reference data's do: case, spacing and punctuation do not count", () => {
    expect(locationNameKey("  Floor   3 ")).toBe(locationNameKey("floor 3"));
    expect(locationNameKey("R&D Lab")).toBe(locationNameKey("r and d lab"));
  });

  it("are found by name, code and every path ending in them", () => {
    const keys = locationLookupKeys(["San Francisco HQ", "Building A", "Floor 3"], "SF-3");
    for (const value of [
      "Floor 3",
      "sf-3",
      "Building A › Floor 3",
      "San Francisco HQ > Building A > Floor 3",
      "san francisco hq/building a/floor 3",
    ]) {
      expect(keys, value).toContain(locationValueKey(value));
    }
    expect(keys).not.toContain(locationValueKey("San Francisco HQ › Floor 3"));
  });

  it("find a name written like a path as typed", () => {
    expect(locationLookupKeys(["Annex", "Building A/B"], null)).toContain(locationValueKey("Building A/B"));
  });
});
