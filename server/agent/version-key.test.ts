import { describe, expect, it } from "vitest";
import { compareVersions, versionKey } from "./version-key";

describe("versionKey", () => {
  it.each([
    ["5.17.1", "6.0"],
    ["6.0", "6.0.1"],
    ["5.9", "5.17"],
    ["1:2.30-1", "2.31"],
    ["1.2.3~rc1", "1.2.4"],
    ["2.0.0+build7", "2.0.1"],
    ["1.0a", "1.0b"],
  ])("%s is below %s", (older, newer) => {
    expect(compareVersions(older, newer)).toBeLessThan(0);
    expect(versionKey(older) < versionKey(newer)).toBe(true);
  });

  it("pads numbers so that 10 sorts after 9", () => {
    expect(versionKey("10.0")).toBe("0000000010.0000000000");
    expect(versionKey("9.0") < versionKey("10.0")).toBe(true);
  });

  it("treats leading zeros and empty versions calmly", () => {
    expect(versionKey("007")).toBe(versionKey("7"));
    expect(versionKey("")).toBe("");
    expect(versionKey(undefined)).toBe("");
  });
});
