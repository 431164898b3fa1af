import { describe, expect, it } from "vitest";
import { expiryThresholdFor } from "./expiry";

describe("expiryThresholdFor", () => {
  it.each([
    [45, null],
    [31, null],
    [30, 30],
    [8, 30],
    [7, 7],
    [6, 7],
    [0, 7],
    [-1, null],
  ])("%i days left -> %s", (daysLeft, threshold) => {
    expect(expiryThresholdFor(daysLeft)).toBe(threshold);
  });
});
