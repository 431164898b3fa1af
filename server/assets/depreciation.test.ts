import { expect, it } from "vitest";
import { bookValue } from "./depreciation";

const today = new Date("2026-11-24T12:00:00Z");

it.each([
  ["1200.00", "2026-11-01", 36, 1200],
  ["1200.00", "2025-11-24", 36, 800],
  ["1200.00", "2025-11-25", 36, 833.34],
  ["1200.00", "2023-01-01", 36, 0],
  // depreciation is floored to whole cents, so the book value never drops below the exact figure
  ["999.99", "2026-05-24", 12, 500],
])("cost %s bought %s over %i months is worth %d", (cost, purchased, months, value) => {
  expect(bookValue(cost, purchased, months, today)).toBe(value);
});

it("without a purchase date or depreciation period the book value is the cost", () => {
  expect(bookValue("500", null, 36, today)).toBe(500);
  expect(bookValue("500", "2020-01-01", null, today)).toBe(500);
  expect(bookValue(null, "2020-01-01", 36, today)).toBeNull();
});
